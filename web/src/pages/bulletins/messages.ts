import { defineMessages } from '../../i18n/index.js';

export const m = defineMessages({
  zh: {
    title: '通报',
    intro:
      '每个期别公布时,系统自动生成全省通报并保存;重新生成会用当天的数据另存一版,已有的各版保持不变。',
    fileName: '县域经济运行情况通报',
    period: '期别',
    scope: '范围',
    version: '版本',
    versionN: '第{n}版',
    createdAt: '生成时间(北京时间)',
    reason: '生成方式',
    'reason.publish': '公布时自动生成',
    'reason.regenerate': '重新生成',
    createdBy: '生成人',
    system: '系统',
    files: '下载',
    actions: '操作',
    regenerate: '重新生成',
    regenerateTitle: '重新生成{period}的通报?',
    regenerateText: '将用今天的数据生成新的一版(第{n}版)。已有的各版不会改变,仍可在此下载。',
    cancel: '取消',
    regenerated: '已生成{period}通报第{n}版',
    empty: '尚无通报:省专班公布期别后,系统会自动生成通报并列在这里。',
  },
  en: {
    title: 'Bulletins',
    intro:
      'When a period is published, the province bulletin is made and stored automatically; regenerating stores a new version made from the data of that day and leaves the earlier versions as they are.',
    fileName: 'bulletin',
    period: 'Period',
    scope: 'Scope',
    version: 'Version',
    versionN: 'Version {n}',
    createdAt: 'Made at (Beijing time)',
    reason: 'Made',
    'reason.publish': 'on publishing',
    'reason.regenerate': 'regenerated',
    createdBy: 'By',
    system: 'System',
    files: 'Download',
    actions: 'Actions',
    regenerate: 'Regenerate',
    regenerateTitle: 'Regenerate the bulletin of {period}?',
    regenerateText:
      'A new version (version {n}) is made from the data as they are today. The earlier versions do not change and stay here to download.',
    cancel: 'Cancel',
    regenerated: 'Version {n} of the bulletin of {period} made',
    empty:
      'No bulletins yet: when the provincial task force publishes a period, its bulletin is made and listed here.',
  },
});
