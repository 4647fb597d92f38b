// Compliance rules (issue 5 §2) and the alert model: each rule pure, over the facts it needs.
export * from './alert-policy.ts';
export * from './rule-hit.ts';
export * from './capture-violation-rule.ts';
export * from './cold-chain-rule.ts';
export * from './expired-unit-rule.ts';
export * from './diversion-rule.ts';
export * from './counterfeit-rules.ts';
export * from './report-and-quality-rules.ts';
export * from './restricted-lot-rule.ts';
