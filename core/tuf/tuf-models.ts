// The @tufjs/models classes its index does not export (Role, DelegatedRole, Delegations), imported from their
// own modules in one place so a package layout change is fixed here only.
export { Role, DelegatedRole } from '@tufjs/models/dist/role';
export { Delegations } from '@tufjs/models/dist/delegations';
