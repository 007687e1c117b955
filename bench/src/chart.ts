import type { S1ContenderResult } from './scenarios/s1-analysis';

const WIDTH = 720;
const HEIGHT = 440;
const MARGIN = { left: 70, right: 170, top: 40, bottom: 60 };
const COLORS: Readonly<Record<string, string>> = {
  ours: '#1f77b4',
  peer: '#d62728',
  curve: '#7f7f7f',
  oracle: '#2ca02c',
};

const LABEL_HEIGHT = 13;
const CHARACTER_WIDTH = 7;

/** A label's box: top-left corner and size. */
interface Box {
  readonly x: number;
  readonly y: number;
  readonly width: number;
}

function overlaps(a: Box, b: Box): boolean {
  return a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + LABEL_HEIGHT && b.y < a.y + LABEL_HEIGHT;
}

/** The first spot around a point (right-above, right-below, left-above, left-below) clear of earlier labels. */
function placeLabel(x: number, y: number, text: string, placed: readonly Box[]): Box {
  const width = text.length * CHARACTER_WIDTH;
  const candidates: Box[] = [
    { x: x + 8, y: y - LABEL_HEIGHT - 2, width },
    { x: x + 8, y: y + 4, width },
    { x: x - 8 - width, y: y - LABEL_HEIGHT - 2, width },
    { x: x - 8 - width, y: y + 4, width },
    { x: x + 8, y: y - 2 * LABEL_HEIGHT - 4, width },
    { x: x + 8, y: y + LABEL_HEIGHT + 6, width },
  ];
  return candidates.find((box) => placed.every((other) => !overlaps(box, other))) ?? (candidates[0] as Box);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Powers of ten and their 2× and 5× between two bounds, for log-scale ticks. */
function logTicks(min: number, max: number): number[] {
  const ticks: number[] = [];
  for (let exponent = Math.floor(Math.log10(min)); exponent <= Math.ceil(Math.log10(max)); exponent += 1) {
    for (const step of [1, 2, 5]) {
      const value = step * 10 ** exponent;
      if (value >= min && value <= max) ticks.push(value);
    }
  }
  return ticks;
}

/**
 * The S1 picture as an SVG (no chart library): requests per job against p95 detection delay, both on log
 * scales. The fixed-interval runs are joined into the curve; a point below it polls more cheaply than a fixed
 * interval with the same p95 delay.
 */
export function renderS1Chart(results: readonly S1ContenderResult[], timeScale: number): string {
  const points = results
    .filter((result) => result.delayMs.p95 > 0 && result.requestsPerJob > 0)
    .map((result) => ({ ...result, x: result.delayMs.p95 / 1000, y: result.requestsPerJob }));
  const xs = points.map((point) => point.x);
  const ys = points.map((point) => point.y);
  const xMin = Math.min(...xs) / 1.5;
  const xMax = Math.max(...xs) * 1.5;
  const yMin = Math.min(...ys) / 1.3;
  const yMax = Math.max(...ys) * 1.3;
  const plotWidth = WIDTH - MARGIN.left - MARGIN.right;
  const plotHeight = HEIGHT - MARGIN.top - MARGIN.bottom;
  const round = (value: number) => Math.round(value * 10) / 10;
  const px = (x: number) =>
    round(MARGIN.left + ((Math.log(x) - Math.log(xMin)) / (Math.log(xMax) - Math.log(xMin))) * plotWidth);
  const py = (y: number) =>
    round(
      MARGIN.top +
        plotHeight -
        ((Math.log(y) - Math.log(yMin)) / (Math.log(yMax) - Math.log(yMin))) * plotHeight,
    );

  const title = `S1: requests per job vs p95 detection delay (vendor time, scale ${timeScale})`;
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${HEIGHT}" font-family="sans-serif" font-size="12" role="img" aria-label="${title}">`,
    `<title>${title}</title>`,
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="white"/>`,
    `<text x="${MARGIN.left}" y="22" font-size="14" font-weight="bold">${title}</text>`,
  );
  for (const tick of logTicks(xMin, xMax)) {
    parts.push(
      `<line x1="${px(tick)}" y1="${MARGIN.top}" x2="${px(tick)}" y2="${MARGIN.top + plotHeight}" stroke="#eee"/>`,
      `<text x="${px(tick)}" y="${MARGIN.top + plotHeight + 16}" text-anchor="middle">${tick}</text>`,
    );
  }
  for (const tick of logTicks(yMin, yMax)) {
    parts.push(
      `<line x1="${MARGIN.left}" y1="${py(tick)}" x2="${MARGIN.left + plotWidth}" y2="${py(tick)}" stroke="#eee"/>`,
      `<text x="${MARGIN.left - 6}" y="${py(tick) + 4}" text-anchor="end">${tick}</text>`,
    );
  }
  parts.push(
    `<rect x="${MARGIN.left}" y="${MARGIN.top}" width="${plotWidth}" height="${plotHeight}" fill="none" stroke="#333"/>`,
    `<text x="${MARGIN.left + plotWidth / 2}" y="${HEIGHT - 20}" text-anchor="middle">p95 detection delay (s, log)</text>`,
    `<text transform="translate(18 ${MARGIN.top + plotHeight / 2}) rotate(-90)" text-anchor="middle">requests per job (log)</text>`,
  );
  const curve = points.filter((point) => point.name.startsWith('fixed ')).sort((a, b) => a.x - b.x);
  if (curve.length > 1) {
    const path = curve
      .map((point, index) => `${index === 0 ? 'M' : 'L'}${px(point.x)},${py(point.y)}`)
      .join(' ');
    parts.push(
      `<path d="${path}" fill="none" stroke="${COLORS.curve}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
    );
  }
  const labels: Box[] = [];
  for (const point of points) {
    const color = COLORS[point.role] ?? '#000';
    const label = placeLabel(px(point.x), py(point.y), point.name, labels);
    labels.push(label);
    parts.push(
      `<circle cx="${px(point.x)}" cy="${py(point.y)}" r="5" fill="${color}"/>`,
      `<text x="${round(label.x)}" y="${round(label.y + LABEL_HEIGHT - 2)}" fill="${color}">${escapeXml(point.name)}</text>`,
    );
  }
  const legend = [
    ['ours', 'our pollers'],
    ['peer', 'peers at their defaults'],
    ['curve', 'fixed-interval curve'],
    ['oracle', 'oracle (the floor)'],
  ] as const;
  legend.forEach(([role, label], index) => {
    const y = MARGIN.top + 14 + index * 20;
    const x = MARGIN.left + plotWidth + 16;
    parts.push(
      `<circle cx="${x}" cy="${y - 4}" r="5" fill="${COLORS[role]}"/>`,
      `<text x="${x + 10}" y="${y}">${label}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
