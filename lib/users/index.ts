export { addUser, type AddedUser } from './add-user'
export { listUsers, type UserListItem } from './list-users'
export { MAX_SEARCH_RESULTS, searchDirectory, type DirectoryEntry, type DirectoryToken } from './search-directory'
export { normalizeUsername, ZGroupName, ZUserInput, ZUsername, type TUserInput } from './schemas'
