import type { EvalReport } from "./report.js";

function xmlEscape(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** JUnit XML: one test case per eval case, plus one per gate check. */
export function renderJunit(report: EvalReport): string {
  const caseXml = report.cases.map((result) => {
    const name = xmlEscape(`${result.id}: ${result.question}`);
    const time = (result.timings.totalMs / 1000).toFixed(4);
    return result.pass
      ? `    <testcase classname="eval.${report.corpus}" name="${name}" time="${time}"/>`
      : `    <testcase classname="eval.${report.corpus}" name="${name}" time="${time}">\n      <failure message="${xmlEscape(result.failReasons.join("; "))}">${xmlEscape(`answer: ${result.answer}`)}</failure>\n    </testcase>`;
  });
  const checks = report.gate?.checks ?? [];
  const gateXml = checks.map((check) =>
    check.passed
      ? `    <testcase classname="gate.${report.corpus}" name="${xmlEscape(check.name)}"/>`
      : `    <testcase classname="gate.${report.corpus}" name="${xmlEscape(check.name)}">\n      <failure message="${xmlEscape(check.message)}"/>\n    </testcase>`,
  );
  const caseFailures = report.cases.filter((result) => !result.pass).length;
  const gateFailures = checks.filter((check) => !check.passed).length;
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="eval ${xmlEscape(report.corpus)}" tests="${report.cases.length + checks.length}" failures="${caseFailures + gateFailures}">`,
    `  <testsuite name="eval.${xmlEscape(report.corpus)}.cases" tests="${report.cases.length}" failures="${caseFailures}">`,
    ...caseXml,
    "  </testsuite>",
    `  <testsuite name="eval.${xmlEscape(report.corpus)}.gate" tests="${checks.length}" failures="${gateFailures}">`,
    ...gateXml,
    "  </testsuite>",
    "</testsuites>",
    "",
  ].join("\n");
}
