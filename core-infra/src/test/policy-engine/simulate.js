// Test-time driver for @cloud-copilot/iam-simulate (AGPL-3.0, run as a separate process, never shipped).
// stdin:  {"cases":[{"id","principal","action","resource","accountId","identityPolicies":[{name,policy}],
//                     "permissionBoundaries":[{name,policy}],"context":{}}]}
// stdout: {"results":[{"id","decision","engine","errors"}]} — one process evaluates the whole batch.
'use strict';
const { runSimulation, runUnsafeSimulation } = require('@cloud-copilot/iam-simulate');

function readStdin() {
  return new Promise((resolve, reject) => {
    const chunks = [];
    process.stdin.on('data', (c) => chunks.push(c));
    process.stdin.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    process.stdin.on('error', reject);
  });
}

function simulationOf(c) {
  return {
    request: {
      principal: c.principal,
      action: c.action,
      resource: { resource: c.resource, accountId: c.accountId },
      contextVariables: c.context || {}
    },
    identityPolicies: c.identityPolicies || [],
    permissionBoundaryPolicies: c.permissionBoundaries && c.permissionBoundaries.length ? c.permissionBoundaries : undefined,
    serviceControlPolicies: [],
    resourceControlPolicies: []
  };
}

async function evaluate(c) {
  const simulation = simulationOf(c);
  const checked = await runSimulation(simulation, {});
  if (checked.resultType !== 'error') {
    return { id: c.id, decision: checked.overallResult, engine: 'validated' };
  }
  // iam-data has no resource type for some API Gateway paths (stages, deployments, exports): the validated
  // engine refuses them with "no.resource.types"; the unsafe engine still evaluates the same policies.
  // Any other error (bad policy syntax, unknown action) is reported, never turned into a decision.
  if (checked.errors && checked.errors.message === 'no.resource.types') {
    return { id: c.id, decision: runUnsafeSimulation(simulation, {}), engine: 'unsafe' };
  }
  return { id: c.id, decision: 'Error', engine: 'validated', errors: checked.errors };
}

(async () => {
  const input = JSON.parse(await readStdin());
  const results = [];
  for (const c of input.cases) {
    results.push(await evaluate(c));
  }
  process.stdout.write(JSON.stringify({ results }));
})().catch((e) => {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(2);
});
