// Test-time driver for @cloud-copilot/iam-simulate (AGPL-3.0, run as a separate process, never shipped).
// Protocol: newline-delimited JSON on stdin and stdout, one line per batch, so one process serves every batch of a
// test JVM:
//   in:   {"cases":[{"id","principal","action","resource","accountId","identityPolicies":[{name,policy}],
//                    "permissionBoundaries":[{name,policy}],"resourcePolicy":{name,policy},"context":{}}]}
//   out:  {"results":[{"id","decision","engine","errors"}]}   (same order as the cases)
// The cases of a batch are spread over worker threads (POLICY_ENGINE_WORKERS, default: the available cores), each
// with its own copy of the engine; the engine is CPU-bound, so this is what makes thousands of cases fast.
'use strict';
const { Worker, isMainThread, parentPort } = require('node:worker_threads');
const os = require('node:os');
const readline = require('node:readline');

/** Cases a worker takes at a time: small enough to balance uneven cases, large enough to keep messages few. */
const CHUNK = 64;

if (isMainThread) {
  main();
} else {
  const { runSimulation, runUnsafeSimulation } = require('@cloud-copilot/iam-simulate');

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
      resourcePolicy: c.resourcePolicy ? c.resourcePolicy.policy : undefined,
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

  parentPort.on('message', async ({ seq, cases }) => {
    const results = [];
    for (const c of cases) {
      results.push(await evaluate(c));
    }
    parentPort.postMessage({ seq, results });
  });
}

function main() {
  const wanted = Number.parseInt(process.env.POLICY_ENGINE_WORKERS || '', 10);
  const count = wanted > 0 ? wanted : Math.max(1, os.availableParallelism ? os.availableParallelism() : os.cpus().length);
  const workers = [];
  for (let i = 0; i < count; i++) {
    workers.push(new Worker(__filename));
  }

  /** Evaluates one batch: chunks go to whichever worker is free; results are put back in input order. */
  function evaluateBatch(cases) {
    return new Promise((resolve, reject) => {
      const results = new Array(cases.length);
      let next = 0;
      let pending = 0;
      const idle = workers.slice();
      const feed = () => {
        while (idle.length > 0 && next < cases.length) {
          const w = idle.pop();
          const seq = next;
          const chunk = cases.slice(next, next + CHUNK);
          next += chunk.length;
          pending++;
          const onMessage = (m) => {
            if (m.seq !== seq) {
              return;
            }
            w.off('message', onMessage);
            w.off('error', onError);
            for (let i = 0; i < m.results.length; i++) {
              results[seq + i] = m.results[i];
            }
            pending--;
            idle.push(w);
            if (next >= cases.length && pending === 0) {
              resolve(results);
            } else {
              feed();
            }
          };
          const onError = (e) => reject(e);
          w.on('message', onMessage);
          w.once('error', onError);
          w.postMessage({ seq, cases: chunk });
        }
      };
      if (cases.length === 0) {
        resolve(results);
      } else {
        feed();
      }
    });
  }

  // Batches are answered strictly one after another, in order.
  let queue = Promise.resolve();
  const lines = readline.createInterface({ input: process.stdin, crlfDelay: Infinity });
  lines.on('line', (line) => {
    if (line.trim() === '') {
      return;
    }
    queue = queue.then(async () => {
      const input = JSON.parse(line);
      const results = await evaluateBatch(input.cases || []);
      process.stdout.write(JSON.stringify({ results }) + '\n');
    }).catch(fail);
  });
  lines.on('close', () => {
    queue.then(() => Promise.all(workers.map((w) => w.terminate()))).then(() => process.exit(0), fail);
  });
}

function fail(e) {
  process.stderr.write(String(e && e.stack ? e.stack : e) + '\n');
  process.exit(2);
}
