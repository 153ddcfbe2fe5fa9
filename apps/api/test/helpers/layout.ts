import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const require = createRequire(import.meta.url);

/**
 * What a narrow screen breaks, measured in the browser: the document scrolling sideways, and a
 * label's box over a control it does not hold (a label that wraps its own checkbox is fine).
 * Hidden elements (zero-sized, or `display: none`) are left out.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth)
      problems.push(`the page scrolls sideways: ${root.scrollWidth} px of content in ${root.clientWidth} px`);
    const shown = (element: Element) => {
      const box = element.getBoundingClientRect();
      return box.width > 0 && box.height > 0 ? box : undefined;
    };
    const name = (element: Element) =>
      `${element.tagName.toLowerCase()}${element.id ? `#${element.id}` : ''}${element.textContent?.trim() ? ` "${element.textContent.trim().slice(0, 30)}"` : ''}`;
    const controls = Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea, button'));
    for (const label of Array.from(document.querySelectorAll('label'))) {
      const labelBox = shown(label);
      if (!labelBox) continue;
      for (const control of controls) {
        if (label.contains(control) || control.contains(label)) continue;
        const box = shown(control);
        if (!box) continue;
        const overlapX = Math.min(labelBox.right, box.right) - Math.max(labelBox.left, box.left);
        const overlapY = Math.min(labelBox.bottom, box.bottom) - Math.max(labelBox.top, box.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`${name(label)} lies over ${name(control)}`);
      }
    }
    for (const element of Array.from(document.querySelectorAll('body *'))) {
      const box = shown(element);
      if (box && box.right > root.clientWidth + 1 && getComputedStyle(element).position !== 'absolute') {
        problems.push(`${name(element)} reaches ${Math.round(box.right)} px, past the ${root.clientWidth} px screen`);
        break;
      }
    }
    return problems;
  });
}

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

/** axe-core on the current page: the violations of impact serious or critical. */
export async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    const axe = (globalThis as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: AxeViolation[] }> } })
      .axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations;
  });
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${violation.impact} ${violation.id}: ${violation.help} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
}
