// The demo matter 我要开餐馆 in the situation the joint-handling tests use (not a test file): an
// existing business licence, own premises, no shop sign, tobacco sold, fire safety by commitment —
// three items of three departments (market, fire, tobacco), a valid merged form, and the market
// item's one non-core material (容缺).
'use strict';

const MATTER = 'TC0000300043010400000001'; // 我要开餐馆 (data/catalog/demo.json)
const MARKET = '114301047267147587'; // 长沙市岳麓区市场监督管理局 (the demo `dept` account)
const FIRE = '11430104836957937L'; // 长沙市岳麓区消防救援大队
const TOBACCO = '11430104177992295N'; // 长沙市岳麓区烟草专卖局
const ANSWERS = { setup: 'existing', area: 120, premises: 'own', sign: false, tobacco: true, fire_mode: 'commit' };
// the merged form without credit_code (give each case its own: c.creditCode())
const FORM = {
  entity_name: '岳麓味道餐饮店',
  employee_count: 6,
  legal_rep_name: '张三',
  legal_rep_id_number: '430104199001011230',
  business_address: '长沙市岳麓区麓山南路 1 号',
  business_area: 120,
  capacity: 40,
  food_business_items: ['hot'],
  phone: '13800138000',
};
const LAYOUT = '食品经营设备布局和操作流程文件'; // the market item's non-core material

module.exports = { MATTER, MARKET, FIRE, TOBACCO, ANSWERS, FORM, LAYOUT };
