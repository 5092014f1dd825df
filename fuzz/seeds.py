#!/usr/bin/env python3
"""seeds.py OUT_DIR — seed inputs for the two harnesses from the demo catalog
(data/catalog/demo.json): OUT_DIR/interview/ gets every demo matter's interview (item codes
renamed to the harness's A..H), alone and followed by answers; OUT_DIR/form/ gets every demo
matter's items (their form fields and rules) followed by plausible values, and every item alone.
The committed corpus (fuzz/corpus/) was grown from these and minimised with -merge=1."""
import hashlib, json, os, sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
demo = json.load(open(os.path.join(root, 'data/catalog/demo.json')))
out = sys.argv[1]
items = {it['code']: it for it in demo['items']}
LETTERS = 'ABCDEFGH'


def write(kind, text):
    d = os.path.join(out, kind)
    os.makedirs(d, exist_ok=True)
    b = text.encode()
    open(os.path.join(d, hashlib.sha1(b).hexdigest()), 'wb').write(b)


def dumps(x):
    return json.dumps(x, ensure_ascii=False, separators=(',', ':'))


def rename(x, names):
    if isinstance(x, str):
        return names.get(x, x)
    if isinstance(x, list):
        return [rename(v, names) for v in x]
    if isinstance(x, dict):
        return {k: rename(v, names) for k, v in x.items()}
    return x


def answer(q):
    t = q['type']
    if t == 'yesno':
        return True
    if t == 'single':
        return q['options'][0]['value']
    if t == 'multiple':
        return [q['options'][0]['value']]
    if t == 'number':
        return q.get('min', 0)
    if t == 'date':
        return '2024-01-01'
    return '430104'


for m in demo['matters']:
    iv = m.get('interview')
    if not iv:
        continue
    names = {code: LETTERS[i] for i, code in enumerate(m['items'][:8])}
    d = rename(iv, names)
    write('interview', dumps(d))
    # the questions without a condition answered (the harness walks on from there)
    ans = {q['id']: answer(q) for q in d.get('questions', []) if 'when' not in q}
    write('interview', dumps(d) + '\n--\n' + dumps(ans))


# ---- forms ----
def id_number(birth='19900101'):
    body = '430104' + birth + '123'
    w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    s = sum(int(c) * k for c, k in zip(body, w))
    return body + '10X98765432'[s % 11]


def credit_code(base='91430104MA4L0000'):
    chars = '0123456789ABCDEFGHJKLMNPQRTUWXY'
    base = base[:17].ljust(17, '0')
    w = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]
    s = sum(chars.index(c) * k for c, k in zip(base, w))
    return base + chars[(31 - s % 31) % 31]


def value(f):
    t = f['type']
    if t == 'text':
        pat = f.get('pattern', '')
        if '0-9' in pat or '\\d' in pat:
            n = 6
            for c in ('{6}', '{4}', '{11}', '{18}'):
                if c in pat:
                    n = int(c[1:-1])
            return '1' * n
        return '张三丰' if f.get('max_length', 100) >= 3 else '张'
    if t == 'number':
        return f.get('min', 1)
    if t == 'date':
        return '2020-05-01'
    if t == 'enum':
        v = f['options'][0]['value'] if f.get('options') else 'x'
        return [v] if f.get('multiple') else v
    if t == 'region':
        return '430104'
    if t == 'id_number':
        return id_number()
    if t == 'credit_code':
        return credit_code()
    if t == 'phone':
        return '13800138000'
    if t == 'email':
        return 'a@example.com'
    if t == 'address':
        return '长沙市岳麓区麓山南路1号'
    if t == 'file':
        return ['f1'] if f.get('multiple') else 'f1'
    return True


def form_part(it, help=True):
    keep = {k: it[k] for k in ('fields', 'form_rules') if k in it}
    if not help:  # smaller seeds: help texts say nothing to the engine
        keep['fields'] = [{k: v for k, v in f.items() if k != 'help'} for f in keep.get('fields', [])]
    return keep


for m in demo['matters']:
    its = [items[c] for c in m['items'] if c in items][:6]
    docs = [form_part(it, False) for it in its]
    vals = {}
    for it in its:
        for f in it.get('fields', []):
            key = f.get('element') or (f['key'] if len(its) == 1 else None)
            if key:
                vals[key] = value(f)
    write('form', dumps(docs) + '\n--\n' + dumps(vals))
for it in demo['items']:
    vals = {f['key']: value(f) for f in it.get('fields', [])}
    write('form', dumps(form_part(it)) + '\n--\n' + dumps(vals))
