export { decideDormant, dormantPolicyOf, lastActivityOf, type DormantPolicy } from './dormancy'
export { MAINTENANCE_ACTOR, runDormantTokens, type DormantItem, type DormantReport, type DormantStep } from './run-dormant-tokens'
export { runMaintenance, type MaintenanceReport } from './run-maintenance'
export { describeMaintenance } from './describe-maintenance'
