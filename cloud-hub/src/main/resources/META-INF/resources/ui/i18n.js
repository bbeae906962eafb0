// Words of the dashboard in English and Simplified Chinese; the browser's language picks one, the button switches.
window.KIOSKOPS_TEXT = {
  en: {
    overview: 'Overview', connecting: 'connecting', live: 'live', reconnecting: 'reconnecting',
    offline: 'offline', activeAlerts: 'active alerts', overdue: 'overdue', online: 'online',
    brokenNow: 'Broken now, most urgent first', nothingBroken: 'Nothing is broken.',
    byPlace: 'By district, street and community', acknowledge: 'Acknowledge', assign: 'Assign…', resolve: 'Resolve…',
    comment: 'Comment…', assignTo: 'Give it to (name):', resolveNote: 'What was done?', commentText: 'Comment:', acknowledged: 'acknowledged',
    open: 'open', waiting: 'waiting', respondBy: 'respond by', repairBy: 'repair by', late: 'late', owner: 'owner',
    noOwner: 'no owner', devices: 'devices', faulty: 'faulty', who: 'Your name, for the audit log:',
    device_offline: 'Box offline', screen_dark: 'Screen dark', jammed: 'Locker jammed', full: 'Lockers full',
    agent_restarting: 'Agent restarting', clock_skew: 'Clock wrong',
    city: 'City', district: 'District', street: 'Street', community: 'Community', site: 'Site',
    lockers: 'Lockers', last24h: 'Last 24 hours', timeline: 'Timeline', connection: 'Connection', place: 'Place', model: 'Model',
    agentVersion: 'Agent', screen: 'Screen', temperature: 'Temperature', faults: 'Faults', none: 'none', bank: 'Bank',
    occupied: 'parcel inside', empty: 'empty', doorOpen: 'door open', never_seen: 'never seen',
    screen_on: 'on', screen_off: 'off', screen_no_signal: 'no signal', screen_unknown: 'unknown',
    metric_uptime_seconds: 'Uptime', metric_screen_on: 'Screen on', metric_lockers_occupancy_pct: 'Locker occupancy',
    metric_cpu_temp_c: 'Temperature', username: 'User', password: 'Password', logIn: 'Log in',
    loginFailed: 'Unknown user or wrong password.'
  },
  'zh-CN': {
    overview: '运维总览', connecting: '连接中', live: '实时', reconnecting: '重新连接中',
    offline: '离线', activeAlerts: '未处理告警', overdue: '已超时', online: '在线',
    brokenNow: '当前故障（按紧急程度）', nothingBroken: '没有故障。',
    byPlace: '按区、街道、社区统计', acknowledge: '确认', assign: '指派…', resolve: '处理完成…',
    comment: '备注…', assignTo: '指派给（姓名）：', resolveNote: '做了什么处理？', commentText: '备注：', acknowledged: '已确认',
    open: '未确认', waiting: '已等待', respondBy: '响应期限', repairBy: '修复期限', late: '超时', owner: '负责单位',
    noOwner: '无负责单位', devices: '台设备', faulty: '故障', who: '请输入您的姓名（用于审计记录）：',
    device_offline: '设备离线', screen_dark: '屏幕黑屏', jammed: '柜门卡住', full: '快递柜已满',
    agent_restarting: '代理反复重启', clock_skew: '时钟错误',
    city: '市', district: '区', street: '街道', community: '社区', site: '智慧屋',
    lockers: '快递柜', last24h: '最近 24 小时', timeline: '事件记录', connection: '连接', place: '位置', model: '型号',
    agentVersion: '代理版本', screen: '屏幕', temperature: '温度', faults: '故障', none: '无', bank: '柜组',
    occupied: '有包裹', empty: '空', doorOpen: '门未关', never_seen: '从未上线',
    screen_on: '亮屏', screen_off: '关屏', screen_no_signal: '无信号', screen_unknown: '未知',
    metric_uptime_seconds: '运行时长', metric_screen_on: '屏幕开启', metric_lockers_occupancy_pct: '快递柜占用率',
    metric_cpu_temp_c: '温度', username: '用户名', password: '密码', logIn: '登录', loginFailed: '用户名或密码错误。'
  }
};
