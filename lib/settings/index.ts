export { getSettings, SETTINGS_ID } from './get-settings'
