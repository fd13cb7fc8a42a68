# Reads the fan-out JSON of this directory and load-every-5s.txt; prints each run and the table of docs/PERFORMANCE.md (2026-12-04). Run from this directory: python3 analyze.py
import json, glob, statistics, datetime, re, sys
load = []
for line in open('load-every-5s.txt'):
    t, l1 = line.split()[0], float(line.split()[1])
    load.append((t, l1))
def load_during(start, seconds):
    s = datetime.datetime.fromisoformat(start.replace('Z', '+00:00'))
    out = []
    for t, l1 in load:
        h, m, sec = map(int, t.split(':'))
        ts = s.replace(hour=h, minute=m, second=sec, microsecond=0)
        if s <= ts <= s + datetime.timedelta(seconds=seconds):
            out.append(l1)
    return out
rows = {}
for f in sorted(glob.glob('fanout-*.json')):
    d = json.load(open(f)); r = d['results']
    m = re.match(r'fanout-(.*)@current-aof-off\+limit(\d+)-r(\d)', f)
    target, limit, rnd = m.group(1), m.group(2), m.group(3)
    cores = r['processCpuCores']
    dps = r['deliveriesPerSecond']
    servers = cores.get('s1', 0) + cores.get('s2', 0)
    l = load_during(d['startedAt'], 55)
    row = dict(round=rnd, dps=dps, p50=r['latency']['p50Ms'], p99=r['latency']['p99Ms'],
               us_servers=servers * 1e6 / dps, us_s1=cores['s1'] * 1e6 / dps, lb_us=cores.get('lb', 0) * 1e6 / dps,
               redis=cores.get('redis'), gen=r['benchCpuCores'], lost=r['lost'], errors=r['errors'],
               ready=r['clientsReady'], load=(min(l), max(l)) if l else None,
               before=d['machine']['loadAverage1mBefore'], after=d['machine']['loadAverage1mAfter'],
               announced=r['announcedRateLimit'])
    rows.setdefault((target, limit), []).append(row)
    print(target, limit, row)
print()
print('| front door | limits | runs | server CPU µs/delivery (s1+s2) median (range) | proxy µs/delivery | p50 ms median (range) | p99 ms median (range) | generator cores median | Redis cores | lost / errors | load (1-min, during the runs) |')
print('|---|---|---:|---|---:|---|---|---:|---:|---:|---|')
for (target, limit), rs in sorted(rows.items()):
    def med(k): return statistics.median([x[k] for x in rs])
    def rng(k, fmt): return fmt.format(min(x[k] for x in rs)) + '–' + fmt.format(max(x[k] for x in rs))
    loads = [v for x in rs for v in (x['load'] or ())]
    print(f"| {target} | {'defaults (20/s, burst 40)' if limit == '20' else 'out of reach (1,000,000/s)'} | {len(rs)} | "
          f"{med('us_servers'):.1f} ({rng('us_servers', '{:.1f}')}) | {med('lb_us'):.1f} | {med('p50'):.1f} ({rng('p50', '{:.1f}')}) | "
          f"{med('p99'):,.0f} ({rng('p99', '{:,.0f}')}) | {med('gen'):.2f} | {statistics.median([x['redis'] for x in rs]):.2f} | "
          f"{sum(x['lost'] for x in rs)} / {sum(x['errors'] for x in rs)} | {min(loads):.1f}–{max(loads):.1f} |")
