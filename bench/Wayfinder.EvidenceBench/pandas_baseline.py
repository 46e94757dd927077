"""The benchmark's journey metrics written as plain pandas: the second baseline.

Run by Wayfinder.EvidenceBench when python3 can import pandas (Debian: apt install python3-pandas). Reads the events
CSV, then computes what DuckDbBaseline.cs computes with SQL: the top path variant (consecutive repeats collapsed), the
directly-follows graph (edges with count and median time), the ordered funnel with the best start within the window,
and the customers stranded before the last stage. Prints one JSON object.

usage: pandas_baseline.py EVENTS.csv MAPPING.json WINDOW_US INACTIVITY_US
MAPPING.json: {"event name": ["touchpoint id", stage number from 1], ...}
"""

import json
import sys
import time

import pandas as pd


def main():
    csv, mapping_file, window, inactivity = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    with open(mapping_file, encoding="utf-8") as f:
        mapping = json.load(f)
    parts = []

    started = time.perf_counter()
    ev = pd.read_csv(csv, usecols=["customer_id", "timestamp", "event"], dtype=str)
    ev["ts"] = pd.to_datetime(ev["timestamp"], utc=True).astype("int64") // 1000
    ev["rn"] = range(len(ev))
    load = time.perf_counter() - started

    def timed(name, action):
        begin = time.perf_counter()
        result = action()
        parts.append([name, time.perf_counter() - begin])
        return result

    metrics_started = time.perf_counter()
    m = pd.DataFrame([(event, tp, stage) for event, (tp, stage) in mapping.items()], columns=["event", "tp", "stage"])
    me = timed("join", lambda: ev.merge(m, on="event").sort_values(["customer_id", "ts", "rn"], kind="stable").reset_index(drop=True))

    def variants():
        prev = me.groupby("customer_id", sort=False)["tp"].shift(1)
        kept = me[prev.isna() | (prev != me["tp"])]
        paths = kept.groupby("customer_id", sort=False)["tp"].agg(">".join)
        return int(paths.value_counts().iloc[0])

    def flow():
        grouped = me.groupby("customer_id", sort=False)
        s = pd.DataFrame({"tp": me["tp"], "nxt": grouped["tp"].shift(-1), "dt": grouped["ts"].shift(-1) - me["ts"]})
        s = s[s["nxt"].notna()]
        return len(s.groupby(["tp", "nxt"])["dt"].agg(["count", "median"]))

    def funnel():
        stages = int(m["stage"].max())
        s = me.loc[me["stage"] == 1, ["customer_id", "ts"]].drop_duplicates()
        s = s.assign(t1=s["ts"], tl=s["ts"])[["customer_id", "t1", "tl"]]
        counts = [s["customer_id"].nunique()]
        for k in range(2, stages + 1):
            # For a fixed start the earliest next-stage event is always the best choice, so min() per start is exact.
            b = me.loc[me["stage"] == k, ["customer_id", "ts"]]
            j = s.merge(b, on="customer_id")
            j = j[(j["ts"] > j["tl"]) & (j["ts"] <= j["t1"] + window)]
            s = j.groupby(["customer_id", "t1"], as_index=False)["ts"].min().rename(columns={"ts": "tl"})
            counts.append(s["customer_id"].nunique())
        return counts

    def exits():
        stages = int(m["stage"].max())
        grouped = me.groupby("customer_id", sort=False)
        last = grouped.tail(1)
        done = grouped["stage"].max() == stages
        end = ev["ts"].max()
        last = last.assign(done=last["customer_id"].map(done))
        return int(((~last["done"]) & (end - last["ts"] > inactivity)).sum())

    top = timed("variants", variants)
    edges = timed("flow graph", flow)
    steps = timed("funnel", funnel)
    stranded = timed("exits", exits)
    metrics = time.perf_counter() - metrics_started
    print(json.dumps({"load": load, "metrics": metrics, "parts": parts, "funnel": steps, "top_variant": top, "edges": edges, "stranded": stranded}))


if __name__ == "__main__":
    main()
