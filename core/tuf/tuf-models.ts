// The @tufjs/models classes and helpers its index does not export (Role, DelegatedRole, Delegations, the JSON
// guards), imported from their own modules in one place so a package layout change is fixed here only.
export { Role, DelegatedRole } from '@tufjs/models/dist/role';
export { Delegations } from '@tufjs/models/dist/delegations';
export { isObject, isObjectArray, isObjectRecord } from '@tufjs/models/dist/utils/guard';
