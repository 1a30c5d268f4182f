/**
 * What every output computed from demo values says about them. Its own module: commands that
 * print it (evaluate at national scale) need not load the demo generator.
 */
export const SYNTHETIC_NOTE = '本结果基于合成演示数据(synthetic demo data),不是官方统计数据。';
