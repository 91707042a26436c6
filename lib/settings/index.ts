export { forgetCachedSettings, getCachedSettings } from './get-cached-settings'
export { getSettings, SETTINGS_ID } from './get-settings'
export { settingsDiff, updateSettings, type SettingsChanges } from './update-settings'
