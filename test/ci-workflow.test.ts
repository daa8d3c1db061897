// The CI a team copies (.github/workflows/eval.yml, the GitLab example in docs/CI.md) and this repo's
// own .ci/run must run the same npm commands, and every `npm run X` must exist.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { z } from "zod";

const StepSchema = z.object({
  name: z.string().optional(),
  uses: z.string().optional(),
  run: z.string().optional(),
  if: z.string().optional(),
  with: z.record(z.string(), z.unknown()).optional(),
  env: z.record(z.string(), z.string()).optional(),
  "continue-on-error": z.unknown().optional(),
});
const WorkflowSchema = z.object({
  jobs: z.record(z.string(), z.object({ steps: z.array(StepSchema) })),
});
type Step = z.infer<typeof StepSchema>;

const packageJson = z
  .object({ scripts: z.record(z.string(), z.string()), engines: z.object({ node: z.string() }) })
  .parse(JSON.parse(readFileSync("package.json", "utf8")));
const steps: Step[] = Object.values(WorkflowSchema.parse(parse(readFileSync(".github/workflows/eval.yml", "utf8"))).jobs).flatMap((job) => job.steps);

/** The npm command lines of a shell script (comments and other commands left out), in order. */
function npmCommands(script: string): string[] {
  return script
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line.startsWith("npm "))
    // `npm run eval ... || status=$?` runs the same command as the workflow's bare one.
    .map((line) => line.replace(/\s*\|\|.*$/, ""));
}

const workflowCommands = steps.flatMap((step) => npmCommands(step.run ?? ""));
const ciRunCommands = npmCommands(readFileSync(".ci/run", "utf8"));

function gitlabExampleCommands(): string[] {
  const doc = readFileSync("docs/CI.md", "utf8");
  const block = doc.slice(doc.indexOf("## GitLab CI")).match(/```yaml\n([\s\S]*?)```/)?.[1] ?? "";
  const GitlabJob = z.object({ script: z.array(z.string()), artifacts: z.object({ when: z.string(), paths: z.array(z.string()) }) });
  const job = z.object({ eval: GitlabJob }).parse(parse(block)).eval;
  expect(job.artifacts).toMatchObject({ when: "always", paths: ["reports/$CORPUS/", "test-results/"] });
  return job.script;
}

const stepUsing = (action: string) => steps.find((step) => step.uses?.startsWith(`${action}@`));

describe(".github/workflows/eval.yml", () => {
  it("installs from the lock file, tests, then runs the eval gate against the baseline", () => {
    expect(workflowCommands).toEqual([
      "npm ci --no-audit --no-fund",
      "npm test",
      'npm run eval -- --corpus "$CORPUS" --compare "evals/baseline/$CORPUS.json"',
    ]);
    const evalStep = steps.find((step) => step.run?.includes("npm run eval"));
    expect(evalStep?.env?.CORPUS).toBe("${{ vars.CORPUS || 'finance' }}");
    // The eval's exit code (1 on a failed gate) must fail the job.
    expect(evalStep?.["continue-on-error"]).toBeUndefined();
  });

  it("calls only npm scripts that exist", () => {
    const called = [...workflowCommands, ...ciRunCommands].flatMap((command) => {
      const match = command.match(/^npm (?:run (\S+)|(test|start))\b/);
      return match ? [match[1] ?? match[2]!] : [];
    });
    expect(called).toEqual(expect.arrayContaining(["test", "eval"]));
    for (const script of called) expect(packageJson.scripts, `npm run ${script}`).toHaveProperty([script]);
  });

  it("runs on the lowest Node version the project supports, with the npm cache", () => {
    expect(stepUsing("actions/checkout")).toBeDefined();
    expect(stepUsing("actions/setup-node")?.with).toEqual({ "node-version": 20, cache: "npm" });
    expect(packageJson.engines.node).toBe(">=20");
  });

  it("publishes report.md and compare.md to the job summary and the reports as artifacts, also when the gate fails", () => {
    const summary = steps.find((step) => step.run?.includes("GITHUB_STEP_SUMMARY"));
    expect(summary?.if).toBe("${{ !cancelled() }}");
    expect(summary?.run).toContain("for file in report.md compare.md");
    const upload = stepUsing("actions/upload-artifact");
    expect(upload?.if).toBe("${{ !cancelled() }}");
    expect(String(upload?.with?.path).trim().split("\n")).toEqual(["reports/${{ vars.CORPUS || 'finance' }}/", "test-results/"]);
  });
});

describe(".ci/run and the GitLab example run the workflow's npm commands", () => {
  // .ci/run runs the eval before npm test so that the test runner's closing line stays last; the set is the same.
  it(".ci/run", () => {
    expect([...ciRunCommands].sort()).toEqual([...workflowCommands].sort());
    expect(readFileSync(".ci/run", "utf8")).toContain('exit "$eval_status"');
  });

  it("docs/CI.md GitLab job", () => {
    expect(gitlabExampleCommands()).toEqual(workflowCommands);
  });
});
