#!/usr/bin/python3
"""Reference passes from Skyfield (Debian python3-skyfield) for validation/skyfield-passes.

Run from the repository root:  /usr/bin/python3 validation/skyfield-passes/generate.py
Reads elements.json (CelesTrak OMM JSON) and stations.json beside this script, writes skyfield-passes.json.

Settings chosen to match Skylane's defaults (no EOP):
- time scale with a constant delta_t = 69.184 s (TT - UT1 = 32.184 + 37 leap seconds), so UT1 = UTC;
  Skyfield's bundled tables would otherwise give UT1 - UTC = +0.36 s in March 2026;
- no polar motion (Skyfield applies none unless a polar-motion table is loaded);
- SGP4 initialised from the OMM fields (sgp4.omm.initialize, WGS-72, improved mode), not from a TLE, so that
  the full-precision elements are used;
- geometric altitude (no refraction), WGS-84 station positions.

find_events() locates rise/culminate/set to about half a second (its search epsilon). Each event is then
refined here with Skyfield's own altaz() to 1e-4 s (bisection on altitude - threshold; golden-section search
on altitude for culmination). Both the raw find_events times and the refined times are stored.
"""
import json
import math
import os
import sys

import skyfield
from sgp4 import omm
from sgp4.api import Satrec
from skyfield.api import EarthSatellite, load, wgs84

HERE = os.path.dirname(os.path.abspath(__file__))
START = (2026, 3, 10, 0, 0, 0)
STOP = (2026, 3, 11, 0, 0, 0)
DAY_S = 86400.0


def main():
    ts = load.timescale(delta_t=69.184)
    t0 = ts.utc(*START)
    t1 = ts.utc(*STOP)
    with open(os.path.join(HERE, 'elements.json')) as f:
        records = json.load(f)
    with open(os.path.join(HERE, 'stations.json')) as f:
        stations = json.load(f)
    out = []
    for rec in records:
        satrec = Satrec()
        omm.initialize(satrec, rec)
        sat = EarthSatellite.from_satrec(satrec, ts)
        for st in stations:
            topos = wgs84.latlon(st['latDeg'], st['lonDeg'], elevation_m=st['altM'])
            thr = st['minElevationDeg']
            diff = sat - topos

            def alt(seconds):
                t = ts.tt_jd(t0.tt + seconds / DAY_S)
                return diff.at(t).altaz()[0].degrees

            def azimuth(seconds):
                t = ts.tt_jd(t0.tt + seconds / DAY_S)
                return diff.at(t).altaz()[1].degrees

            def crossing(raw, rising):
                """Time of the threshold crossing nearest raw: bracket by widening, then bisect to 1e-4 s."""
                for half in (5, 15, 60):
                    a, b = raw - half, raw + half
                    fa, fb = alt(a) - thr, alt(b) - thr
                    if (fa < 0) != (fb < 0) and (fa < 0) == rising:
                        break
                else:
                    raise RuntimeError(f'no threshold crossing near {raw} s')
                while b - a > 1e-4:
                    m = 0.5 * (a + b)
                    fm = alt(m) - thr
                    if (fm < 0) == (fa < 0):
                        a, fa = m, fm
                    else:
                        b = m
                return 0.5 * (a + b)

            def golden(a, b):
                g = (math.sqrt(5) - 1) / 2
                x1, x2 = b - g * (b - a), a + g * (b - a)
                f1, f2 = alt(x1), alt(x2)
                while b - a > 1e-4:
                    if f1 < f2:
                        a, x1, f1 = x1, x2, f2
                        x2 = a + g * (b - a)
                        f2 = alt(x2)
                    else:
                        b, x2, f2 = x2, x1, f1
                        x1 = b - g * (b - a)
                        f1 = alt(x1)
                return 0.5 * (a + b)

            times, events = sat.find_events(topos, t0, t1, altitude_degrees=thr)
            secs = [(t.tt - t0.tt) * DAY_S for t in times]
            # Group into passes: rise, culminations, set. Passes open at t0 or still up at t1 are skipped.
            i = 0
            while i < len(events):
                if events[i] != 0:
                    i += 1
                    continue
                j = i + 1
                culm = []
                while j < len(events) and events[j] == 1:
                    culm.append(j)
                    j += 1
                if j >= len(events) or events[j] != 2 or len(culm) != 1:
                    i = j
                    continue
                raw_aos, raw_tca, raw_los = secs[i], secs[culm[0]], secs[j]
                aos = crossing(raw_aos, True)
                los = crossing(raw_los, False)
                tca = golden(raw_tca - 5, raw_tca + 5)
                out.append({
                    'object': rec['NORAD_CAT_ID'],
                    'objectName': rec['OBJECT_NAME'],
                    'station': st['id'],
                    'minElevationDeg': thr,
                    'aosS': round(aos, 5),
                    'tcaS': round(tca, 5),
                    'losS': round(los, 5),
                    'maxElevationDeg': round(alt(tca), 7),
                    'aosAzimuthDeg': round(azimuth(aos), 5),
                    'losAzimuthDeg': round(azimuth(los), 5),
                    'findEvents': {'aosS': round(raw_aos, 5), 'tcaS': round(raw_tca, 5), 'losS': round(raw_los, 5)},
                })
                i = j + 1
    doc = {
        'generator': 'validation/skyfield-passes/generate.py',
        'skyfield': skyfield.__version__,
        'python': sys.version.split()[0],
        'start': '2026-03-10T00:00:00Z',
        'stop': '2026-03-11T00:00:00Z',
        'timesAre': 'seconds of UTC from start',
        'settings': 'delta_t=69.184 s (UT1=UTC), no polar motion, no refraction, WGS-84 stations, sgp4.omm.initialize',
        'passes': out,
    }
    with open(os.path.join(HERE, 'skyfield-passes.json'), 'w') as f:
        json.dump(doc, f, indent=1)
        f.write('\n')
    print(f'{len(out)} passes written')


if __name__ == '__main__':
    main()
