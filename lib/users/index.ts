export { addUser, type AddedUser } from './add-user'
export { listUsers, type UserListItem } from './list-users'
export { normalizeUsername, ZGroupName, ZUserInput, ZUsername, type TUserInput } from './schemas'
