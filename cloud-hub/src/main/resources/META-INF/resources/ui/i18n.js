// Words of the dashboard in English and Simplified Chinese; the browser's language picks one, the button switches.
window.KIOSKOPS_TEXT = {
  en: {
    overview: 'Overview', connecting: 'connecting', live: 'live', reconnecting: 'reconnecting',
    offline: 'offline', activeAlerts: 'active alerts', overdue: 'overdue', online: 'online',
    brokenNow: 'Broken now, most urgent first', nothingBroken: 'Nothing is broken.',
    byPlace: 'By district, street and community', acknowledge: 'Acknowledge', acknowledged: 'acknowledged',
    open: 'open', waiting: 'waiting', respondBy: 'respond by', repairBy: 'repair by', late: 'late', owner: 'owner',
    noOwner: 'no owner', devices: 'devices', faulty: 'faulty', who: 'Your name, for the audit log:',
    device_offline: 'Box offline', screen_dark: 'Screen dark', jammed: 'Locker jammed', full: 'Lockers full',
    agent_restarting: 'Agent restarting', clock_skew: 'Clock wrong',
    city: 'City', district: 'District', street: 'Street', community: 'Community', site: 'Site'
  },
  'zh-CN': {
    overview: '运维总览', connecting: '连接中', live: '实时', reconnecting: '重新连接中',
    offline: '离线', activeAlerts: '未处理告警', overdue: '已超时', online: '在线',
    brokenNow: '当前故障（按紧急程度）', nothingBroken: '没有故障。',
    byPlace: '按区、街道、社区统计', acknowledge: '确认', acknowledged: '已确认',
    open: '未确认', waiting: '已等待', respondBy: '响应期限', repairBy: '修复期限', late: '超时', owner: '负责单位',
    noOwner: '无负责单位', devices: '台设备', faulty: '故障', who: '请输入您的姓名（用于审计记录）：',
    device_offline: '设备离线', screen_dark: '屏幕黑屏', jammed: '柜门卡住', full: '快递柜已满',
    agent_restarting: '代理反复重启', clock_skew: '时钟错误',
    city: '市', district: '区', street: '街道', community: '社区', site: '智慧屋'
  }
};
