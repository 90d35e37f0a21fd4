#!/usr/bin/env python3
"""CPU time of one plain-CGI request, without a web server in the way.

Runs every query of the mix once through vnsearch.cgi and once through
Omega's CGI, as a web server would (a new process, QUERY_STRING in the
environment, output to a pipe), interleaved, and reads each process's own
CPU time (user + system, from wait4) — steadier on a shared machine than
requests/s, which the other processes' load moves. Also times a request that
opens no index (vnsearch.cgi's stylesheet) and /bin/true: what starting a
process costs before any search.

Usage: spawn_cpu.py VNSEARCH_CGI OMEGA_CGI QUERIES [html|json]
  env: VNSEARCH_CONFIG and OMEGA_CONFIG_FILE as for the web server;
       VN_FLOOR: a program linked with libxapian that does nothing (the
       "xapian-floor" row: what loading libxapian and libstdc++ costs);
       VN_CGI2: a second build of vnsearch.cgi (the "vn-cgi2" row, e.g. the
       static one), run beside the first on the same queries.
"""
import os
import statistics
import sys
import urllib.parse


def run(cmd, qs, want_output=True):
    env = dict(os.environ, QUERY_STRING=qs, REQUEST_METHOD="GET")
    r, w = os.pipe()
    pid = os.posix_spawn(cmd, [cmd], env, file_actions=[
        (os.POSIX_SPAWN_DUP2, w, 1), (os.POSIX_SPAWN_CLOSE, r)])
    os.close(w)
    out = b""
    while True:
        chunk = os.read(r, 65536)
        if not chunk:
            break
        out += chunk
    os.close(r)
    _, status, ru = os.wait4(pid, 0)
    if status != 0 or (want_output and not out):
        sys.exit(f"spawn_cpu: {cmd} failed for {qs}")
    return (ru.ru_utime + ru.ru_stime) * 1000


def main():
    vn, omega, qfile = sys.argv[1:4]
    fmt = sys.argv[4] if len(sys.argv) > 4 else "html"
    queries = [q.strip() for q in open(qfile, encoding="utf-8") if q.strip()]
    floor = os.environ.get("VN_FLOOR")
    t = {"true": [], "vn-asset": [], "vn-cgi": [], "omega": []}
    if floor:
        t = {"true": [], "xapian-floor": [], "vn-asset": [], "vn-cgi": [], "omega": []}
    vn2 = os.environ.get("VN_CGI2")
    if vn2:
        t["vn2-asset"] = []
        t["vn-cgi2"] = []
    for q in queries:
        enc = urllib.parse.quote_plus(q)
        t["true"].append(run("/bin/true", "", False))
        if floor:
            t["xapian-floor"].append(run(floor, ""))
        t["vn-asset"].append(run(vn, "asset=vnsearch.css"))
        t["vn-cgi"].append(run(vn, f"q={enc}" + ("&format=json" if fmt == "json" else "")))
        t["omega"].append(run(omega, f"DB=default&P={enc}"))
        if vn2:
            t["vn2-asset"].append(run(vn2, "asset=vnsearch.css"))
            t["vn-cgi2"].append(run(vn2, f"q={enc}" + ("&format=json" if fmt == "json" else "")))
    print(f"spawn_cpu: {len(queries)} queries, vnsearch.cgi answers {fmt}; CPU ms per process")
    print(f"{'':10} {'median':>7} {'mean':>7}")
    for k, v in t.items():
        print(f"{k:10} {statistics.median(v):7.2f} {statistics.mean(v):7.2f}")
    m = {k: statistics.mean(v) for k, v in t.items()}
    print(f"omega / vn-cgi CPU per request = {m['omega'] / m['vn-cgi']:.2f}x (requests/s ratio if CPU-bound)")
    if vn2:
        print(f"omega / vn-cgi2 CPU per request = {m['omega'] / m['vn-cgi2']:.2f}x")


main()
