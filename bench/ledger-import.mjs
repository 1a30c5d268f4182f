// bench/ledger: a 20,000-row project ledger workbook (office layout: title, unit line, merged
// two-row header) through readProjectLedger, the importer's parse and check step.
// Run: npm run bench:ledger  (builds first). Prints figures; asserts nothing. Target ≥ 20,000 rows/s.
import ExcelJS from 'exceljs';
import { readProjectLedger } from '../dist/io/excel/project-ledger.js';
import { loadIndustryNames } from '../dist/io/industries.js';
import { loadRegister } from '../dist/io/regions.js';

const ROWS = 20_000;
const register = loadRegister();
const industries = loadIndustryNames();
const all = [...register.regions.values()];
// Names two regions share (向阳区) need a code in a ledger; the bench uses the unique ones.
const counties = all.filter(
  (r) => r.level === 'county' && all.filter((x) => x.name === r.name).length === 1,
);
const industryList = industries.names;
const milestones = ['谋划', '签约', '开工', '投产', '达产'];

async function workbook() {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('项目台账');
  ws.getCell(1, 1).value = '全省重点产业项目建设台账(2026年9月)';
  ws.mergeCells(1, 1, 1, 22);
  ws.getCell(2, 1).value = '单位:万元';
  const singles = [
    '序号',
    '项目名称',
    '建设单位',
    '所在县',
    '所属产业',
    '建设性质',
    '总投资',
    '本年计划投资',
    '本年累计完成投资',
  ];
  singles.forEach((h, i) => {
    ws.getCell(3, i + 1).value = h;
    ws.mergeCells(3, i + 1, 4, i + 1);
  });
  milestones.forEach((m, k) => {
    ws.getCell(3, 10 + 2 * k).value = m;
    ws.mergeCells(3, 10 + 2 * k, 3, 11 + 2 * k);
    ws.getCell(4, 10 + 2 * k).value = '计划';
    ws.getCell(4, 11 + 2 * k).value = '实际';
  });
  ['形象进度', '存在问题', '包联领导'].forEach((h, i) => {
    ws.getCell(3, 20 + i).value = h;
    ws.mergeCells(3, 20 + i, 4, 20 + i);
  });
  for (let i = 0; i < ROWS; i++) {
    const total = 1000 + ((i * 7919) % 90000);
    ws.addRow([
      i + 1,
      `重点产业项目${i + 1}`,
      `建设单位${i % 500}`,
      counties[i % counties.length].name,
      industryList[i % industryList.length],
      ['新建', '扩建', '技改'][i % 3],
      total,
      Math.floor(total / 2),
      Math.floor(total / 5) + 0.5,
      '2025.10',
      '2025年11月',
      '2026.3',
      '2026-03-15',
      '2026年4月',
      '已开工',
      '2027.6',
      null,
      '2028.6',
      null,
      '主体施工',
      i % 10 === 0 ? '用地指标待落实' : null,
      `领导${i % 50}`,
    ]);
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const bytes = await workbook();
const ctx = {
  fileName: 'bench.xlsx',
  period: '2026-09',
  today: '2026-10-10',
  register,
  industries,
};
const times = [];
const cpu = [];
for (let run = 0; run < 4; run++) {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await readProjectLedger(bytes, ctx);
  times.push(performance.now() - t0);
  const c = process.cpuUsage(c0);
  cpu.push((c.user + c.system) / 1000);
  if (r.problems.length > 0 || r.rows.length !== ROWS)
    throw new Error(
      `unexpected read: ${r.rows.length} rows, ${JSON.stringify(r.problems.slice(0, 3))}`,
    );
}
const best = Math.min(...times.slice(1));
const first = times[0];
console.log(`ledger workbook: ${ROWS} rows, ${(bytes.length / 2 ** 20).toFixed(1)} MB`);
console.log(
  `first read (cold): ${first.toFixed(0)} ms, ${Math.round((ROWS / first) * 1000)} rows/s`,
);
console.log(
  `best of 3 warm reads: ${best.toFixed(0)} ms, ${Math.round((ROWS / best) * 1000)} rows/s`,
);
// On a shared machine wall time includes waiting for a core; CPU time is the reader's own cost
// (it may exceed wall time: zlib inflates on the thread pool).
const bestCpu = Math.min(...cpu.slice(1));
console.log(
  `best warm CPU time: ${bestCpu.toFixed(0)} ms, ${Math.round((ROWS / bestCpu) * 1000)} rows per CPU-second`,
);
