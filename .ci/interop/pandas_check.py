"""pandas (Debian python3-pandas) reads the SDMX-CSV answer and every CSV of the Data Package as a researcher would:
read_csv on a URL. Each has the row count of the JSON it mirrors and numeric values where numbers are."""
import json
import os
import sys
import urllib.request

import pandas as pd

base = os.environ["BASE"]
expected = open(os.environ["EXPECTED_IDS"]).read().split()


def fail(what):
    print("FAILED:", what)
    sys.exit(1)


def total(path):
    return json.load(urllib.request.urlopen(base + path))["total"]


sdmx = pd.read_csv(base + "/sdmx/2.1/data/FIGURES/all?format=csvdata")
if len(sdmx) != len(expected) or sorted(sdmx.FIGURE_ID) != sorted(expected):
    fail(f"SDMX-CSV has {len(sdmx)} rows; the flow has {len(expected)} figures")
for column in ["OBS_VALUE", "UNIT_MULT", "QUOTE_START", "QUOTE_END"]:
    if not pd.api.types.is_numeric_dtype(sdmx[column]):
        fail(f"SDMX-CSV {column} is {sdmx[column].dtype}")
stated = {o["id"]: o for o in json.load(urllib.request.urlopen(base + "/v1/observations?pageSize=1000"))["items"]}
for row in sdmx.itertuples():
    figure = stated[row.FIGURE_ID]
    if row.OBS_VALUE != figure["value"] or row.VALUE_QUALIFIER != figure["qualifier"] or row.SOURCE_QUOTE != figure["citation"]["quote"]:
        fail(f"SDMX-CSV {row.FIGURE_ID} differs from /v1")
print(f"pandas SDMX-CSV: {len(sdmx)} rows, OBS_VALUE {sdmx.OBS_VALUE.dtype}, every figure as /v1 says it")

package = json.load(urllib.request.urlopen(base + "/datapackage.json"))
json_totals = {
    "observations": total("/v1/observations"),
    "derived": total("/v1/observations?kind=derived"),
    "indicators": total("/v1/indicators"),
    "entities": total("/v1/entities"),
    "sources": total("/v1/sources"),
}
for resource in package["resources"]:
    fields = resource["schema"]["fields"]
    frame = pd.read_csv(resource["path"], keep_default_na=False, na_values=resource["schema"]["missingValues"])
    if len(frame) != json_totals[resource["name"]]:
        fail(f"{resource['name']}: {len(frame)} rows, the JSON has {json_totals[resource['name']]}")
    if [f["name"] for f in fields] != list(frame.columns):
        fail(f"{resource['name']}: the columns differ from the Table Schema's fields")
    for field in fields:
        if field["type"] in ("number", "integer") and frame[field["name"]].notna().any() and not pd.api.types.is_numeric_dtype(frame[field["name"]]):
            fail(f"{resource['name']}.{field['name']} ({field['type']}) reads as {frame[field['name']].dtype}")
    print(f"pandas {resource['name']}: {len(frame)} rows (JSON {json_totals[resource['name']]}), numeric columns numeric")
