#!/usr/bin/env python3
"""gen-catalog.py MATTERS ITEMS OUT.json — a synthetic catalog for benchmarks (yici-catalog/1).

Names are built from real service vocabulary so that searches hit realistic numbers of documents;
departments are the demo departments of 430104. Deterministic (seeded)."""
import csv, json, os, random, sys

random.seed(20261201)
matters_n, items_n, out = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
root = os.path.join(os.path.dirname(__file__), '..')
depts = [r for r in csv.reader(l for l in open(os.path.join(root, 'data/demo/depts.csv')) if not l.startswith('#'))][1:]
depts = [d for d in depts if d[2] == '430104']

objects = ['食品经营', '药品零售', '烟草专卖零售', '公共场所卫生', '户外广告设置', '建筑工程施工', '城镇排水', '道路运输',
           '出版物零售', '娱乐场所', '旅馆业', '人力资源服务', '劳务派遣', '养老机构', '民办学校', '医疗机构执业',
           '消防安全检查', '环境影响评价', '水土保持方案', '林木采伐', '渔业捕捞', '种子生产经营', '农药经营', '兽药经营',
           '饲料生产', '危险化学品经营', '特种设备使用', '计量器具', '网络文化经营', '营业性演出', '艺术品经营', '电影放映',
           '二手车交易', '机动车维修', '驾驶员培训', '出租汽车经营', '房地产开发', '物业服务', '不动产', '住房公积金',
           '城乡居民养老保险', '职工医疗保险', '失业保险金', '工伤认定', '生育津贴', '最低生活保障', '临时救助', '残疾人补贴',
           '户口迁移', '居民身份证', '出入境证件', '婚姻登记', '收养登记', '殡葬服务', '义务教育入学', '教师资格', '职业资格',
           '社会团体', '民办非企业单位', '基金会', '宗教活动场所', '慈善组织', '志愿服务', '退役军人优待', '法律援助', '公证']
actions = ['许可', '核准', '登记', '备案', '变更', '延续', '注销', '补办', '审批', '认定', '核发', '申领', '年检', '查询', '证明开具', '待遇核定']
verbs = ['开', '办', '申请', '领取', '变更', '注销', '转移', '报销', '补领', '参加']
nouns = ['餐馆', '便利店', '民宿', '药店', '美容院', '网吧', '健身房', '培训学校', '养老院', '诊所', '书店', '花店', '洗车店',
         '汽修厂', '超市', '茶馆', '酒吧', '影院', '幼儿园', '物流公司', '建筑公司', '律师事务所', '会计事务所', '旅行社',
         '家政公司', '宠物医院', '眼镜店', '面包房', '奶茶店', '理发店']
themes = ['设立变更', '准营准办', '投资建设', '税费办理', '人力资源', '注销退出']

items = []
for i in range(items_n):
    d = random.choice(depts)
    obj, act = random.choice(objects), random.choice(actions)
    typ = random.choice(['01', '07', '20', '05'])
    main, sub = 1000 + i // 10, i % 10
    statutory = random.choice([5, 10, 15, 20])
    promised = random.randint(1, statutory)
    code = f'{typ}{main:05d}{sub:03d}430104000000{1 + i % 99:02d}'
    items.append({'code': code, 'name': f'{obj}{act}（{i}）' if i >= 2000 else f'{obj}{act}',
                  'type': typ, 'dept': d[0], 'region': '430104', 'basis': '《中华人民共和国行政许可法》',
                  'conditions': '符合法定条件', 'statutory_days': statutory, 'promised_days': promised, 'kind': 'promised',
                  'fees': '不收费', 'channels': ['window', 'online'], 'result': f'{obj}{act}决定书',
                  'fields': [{'key': 'applicant_name', 'label': '申请人姓名', 'type': 'text', 'element': 'applicant_name'}],
                  'materials': [{'key': 'id_card', 'name': '身份证明', 'source': 'shared', 'core': True, 'commitment': False,
                                 'form': 'original', 'copies': 1, 'formats': ['pdf', 'jpg']},
                                {'key': f'm{i % 7}', 'name': f'{obj}场所证明', 'source': 'applicant', 'core': i % 3 != 0,
                                 'commitment': i % 5 == 0, 'form': 'copy', 'copies': 1, 'formats': ['pdf']}]})
matters = []
for m in range(matters_n):
    chosen = random.sample(items, random.randint(3, 6))
    # one material name per matter must not contradict: names embed the object, flags by name vary
    # with i, so take items of distinct objects only
    seen, picked = set(), []
    for it in chosen:
        o = it['materials'][1]['name']
        if o not in seen:
            seen.add(o)
            picked.append(it)
    lead = picked[0]['dept']
    name = f'我要{random.choice(verbs)}{random.choice(nouns)}' + (f'（{m}）' if m >= 300 else '')
    matters.append({'code': f'TC{m + 101:05d}000430104000000' + '01', 'name': name, 'audience': 'company',
                    'theme': random.choice(themes), 'region': '430104', 'lead_dept': lead,
                    'items': [it['code'] for it in picked],
                    'promised_days': min(it['statutory_days'] for it in picked), 'channels': ['window', 'online'],
                    'description': '基准测试用的合成数据', 'complaint_phone': '12345'})
json.dump({'format': 'yici-catalog/1', 'items': items, 'matters': matters,
           'synonyms': [{'term': '开饭店', 'target': '我要开餐馆'}]}, open(out, 'w'), ensure_ascii=False)
