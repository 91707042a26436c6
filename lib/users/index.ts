export { addUser, type AddedUser } from './add-user'
export { listUsers, type UserListItem } from './list-users'
export {
  MAX_SEARCH_RESULTS,
  MIN_QUERY_LENGTH,
  SEARCH_PAGE_SIZE,
  searchDirectory,
  type DirectoryEntry,
  type DirectoryPage,
  type DirectoryToken,
} from './search-directory'
export { displayNameKey, normalizeUsername, ZDirectorySearch, ZGroupName, ZUserInput, ZUsername, type TDirectorySearch, type TUserInput } from './schemas'
export { importUsers, MAX_USER_IMPORT_BYTES, type UserImportOptions, type UserImportResult } from './import-users'
export { GROUP_SEPARATOR, parseUserCsv, USER_CSV_COLUMNS, UserImportFileError, type UserImportProblem, type UserImportRow } from './parse-user-csv'
export { describeUserFilter, USER_STATE_LABELS, USER_STATES, userFilterKey, userFilterWhere, ZUserFilter, type TUserFilter, type TUserState } from './user-filter'
export { listUserPage, USER_PAGE_SIZE, type UserPage, type UserPageItem } from './list-user-page'
