// Draw time and frames per second of the support-network page on the demo county, in headless
// Chromium (Debian's, software WebGL). Prints one JSON object.
//
//   BANGFU_URL=http://127.0.0.1:8000 node e2e/network_fps.mjs [--seconds 5] [--township ID] [--plan] [--links-off]
//   [--detail villages|households] [--shot FILE.png]
//
// --detail: force one node per village, or every household (default: the page's own choice,
// by village above 2,000 households), to compare both on the same build and load.
//
// --plan: first give the county its responsible workers (a county caseload plan, approved),
// when it has no active match yet, so the picture has its responsible links.
//
// first_draw_ms: from navigation to sigma's first frame (page load, GraphQL answer, building the
// graphology graph, the first WebGL frame); data_ms: when the answer was there; build_ms: the
// graph's construction; drawn_nodes/drawn_edges: what sigma draws (a whole county: one node
// per village, detail 'villages'; older builds drew every household). pan_fps: frames sigma
// drew per second while the mouse drags the picture; camera_fps: the same with the camera
// moved every animation frame.
import { BASE, apiLogin, approveCountyPlan, launch, signIn } from './support.mjs';


function option(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1] : fallback;
}

if (!BASE) {
  console.error('BANGFU_URL is not set');
  process.exit(2);
}
const seconds = Number(option('seconds', '5'));
const township = option('township', '');
const detail = option('detail', '');

const activeMatches = process.argv.includes('--plan')
  ? await approveCountyPlan(await apiLogin('coordinator'))
  : null;

const browser = await launch();
try {
  const context = await browser.newContext({ viewport: { width: 1360, height: 900 }, locale: 'zh-CN' });
  const page = await context.newPage();
  await signIn(page, 'coordinator', /\/network/);

  // A fresh load of the page itself, so the draw time counts from its navigation.
  const query = new URLSearchParams();
  if (township) query.set('township', township);
  if (detail) query.set('detail', detail);
  await page.goto(`${BASE}/network${query.size ? `?${query}` : ''}`, { waitUntil: 'domcontentloaded' });
  await page.locator('[data-testid="network-canvas"][data-ready="true"]').waitFor({ timeout: 180_000 });
  const shot = option('shot', '');
  if (shot) await page.screenshot({ path: shot });
  const drawn = await page.evaluate(() => {
    const s = window.__bangfuNetwork;
    return {
      nodes: s.nodes,
      edges: s.edges,
      drawn_nodes: s.drawnNodes ?? s.nodes,
      drawn_edges: s.drawnEdges ?? s.edges,
      detail: s.detail ?? 'households',
      first_draw_ms: s.firstDrawMs,
      data_ms: s.dataMs,
      build_ms: s.buildMs,
    };
  });

  // --links-off: every link kind unticked, to tell the nodes' cost from the links'.
  const linksOff = process.argv.includes('--links-off');
  if (linksOff) {
    for (const box of await page.locator('[data-testid^="network-link-"]').all()) if (await box.isChecked()) await box.uncheck();
  }

  const box = await page.getByTestId('network-canvas').boundingBox();
  const cx = box.x + box.width / 2;
  const cy = box.y + box.height / 2;
  const framesNow = () => page.evaluate(() => window.__bangfuNetwork.frames);

  // Dragging with the mouse, as a user pans.
  const before = await framesNow();
  const started = Date.now();
  await page.mouse.move(cx, cy);
  await page.mouse.down();
  let step = 0;
  while (Date.now() - started < seconds * 1000) {
    const a = step / 15;
    await page.mouse.move(cx + 180 * Math.cos(a), cy + 120 * Math.sin(a));
    step += 1;
  }
  await page.mouse.up();
  const dragSeconds = (Date.now() - started) / 1000;
  const panFps = ((await framesNow()) - before) / dragSeconds;

  // The camera moved on every animation frame: the ceiling of what the page can draw.
  const camera = await page.evaluate(
    (ms) =>
      new Promise((resolve) => {
        const stats = window.__bangfuNetwork;
        const cam = stats.sigma.getCamera();
        const origin = cam.getState();
        const start = performance.now();
        const first = stats.frames;
        const gaps = [];
        let last = start;
        stats.sigma.on('afterRender', () => {
          const now = performance.now();
          gaps.push(now - last);
          last = now;
        });
        const tick = (now) => {
          const a = (now - start) / 400;
          cam.setState({ x: origin.x + 0.05 * Math.cos(a), y: origin.y + 0.05 * Math.sin(a) });
          if (now - start < ms) requestAnimationFrame(tick);
          else {
            gaps.sort((x, y) => x - y);
            resolve({
              fps: ((stats.frames - first) * 1000) / (now - start),
              p95: gaps.length ? gaps[Math.floor(gaps.length * 0.95)] : null,
            });
          }
        };
        requestAnimationFrame(tick);
      }),
    seconds * 1000,
  );

  const round = (x) => (x == null ? null : Math.round(x * 10) / 10);
  console.log(
    JSON.stringify({
      ...drawn,
      first_draw_ms: round(drawn.first_draw_ms),
      data_ms: round(drawn.data_ms),
      build_ms: round(drawn.build_ms),
      pan_fps: round(panFps),
      camera_fps: round(camera.fps),
      camera_frame_p95_ms: round(camera.p95),
      seconds,
      township: township || null,
      active_matches: activeMatches,
      links_off: linksOff,
      renderer: 'chromium --headless --disable-gpu (software WebGL)',
    }),
  );
} finally {
  await browser.close();
}
