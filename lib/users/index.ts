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
