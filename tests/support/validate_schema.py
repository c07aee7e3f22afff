#!/usr/bin/env python3
# Validates postport JSON files against schema/postport.schema.json (draft
# 2020-12) with Debian's python3-jsonschema. Usage: validate_schema.py SCHEMA FILE...
# Files ending in .ndjson are validated line by line. Exit 1 at the first invalid one.
import json, sys
import jsonschema
schema = json.load(open(sys.argv[1]))
jsonschema.Draft202012Validator.check_schema(schema)
v = jsonschema.Draft202012Validator(schema)
for name in sys.argv[2:]:
    text = open(name, encoding='utf-8').read()
    docs = [json.loads(l) for l in text.splitlines() if l.strip()] if name.endswith('.ndjson') else [json.loads(text)]
    for d in docs:
        errs = list(v.iter_errors(d))
        if errs: print(name, list(errs[0].absolute_path), errs[0].message[:300]); sys.exit(1)
print("ok")
