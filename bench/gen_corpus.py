#!/usr/bin/env python3
"""Writes a deterministic content repository of N posts for benchmarks.

    bench/gen_corpus.py N OUT_DIR [--hugo HUGO_DIR]
    bench/gen_corpus.py N - --hugo HUGO_DIR        (only the Hugo site)

The same N always gives the same bytes (a seeded PRNG, no clock). Posts spread over
platforms, pillars, personas and campaigns at a realistic cadence, in TOML and YAML front
matter, with media and a normalised metrics file. --hugo also writes the same posts as a
Hugo site (one page per post plus list pages) so both tools can be timed on one corpus.

Posts run into the future (years ahead at large N) and Hugo skips future-dated pages by
default, so the generated hugo.toml sets buildFuture: Hugo renders every post. No post is a
draft (the Hugo pages carry no `draft`), so buildDrafts is not needed. HUGO_DIR/bench.json
records how many pages Hugo must render (posts plus list pages); bench.py checks it.
"""
import argparse, datetime as dt, json, os, random, shutil, struct, zlib

PLATFORMS = ["instagram", "facebook", "linkedin", "x", "mastodon", "bluesky", "threads"]
PILLARS = [("werkstatt", 0.35), ("produkte", 0.25), ("community", 0.25), ("nachhaltigkeit", 0.15)]
TEAM = ["anna", "ben", "carla", "deniz"]
WORDS = ("Fahrrad Werkstatt Kette Bremse Licht Winter Sommer Tour Stadt Leipzig Pendeln Familie Reifen "
         "Schlauch Sattel Lenker Rahmen Gang Schaltung Pflege Tipp Check Termin Team Kaffee Route Regen Sonne").split()


def png(width, height):
    """A valid 1-colour PNG of the given size (tiny: header plus one compressed row pattern)."""
    raw = b"".join(b"\x00" + b"\x80\x90\xa0" * width for _ in range(height))
    chunk = lambda kind, data: struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


_made = set()


def write(path, text):
    folder = os.path.dirname(path)
    if folder not in _made:  # one makedirs per folder, not per file (100,000 posts)
        os.makedirs(folder, exist_ok=True)
        _made.add(folder)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write(text)


def skip(path, text):
    """`write` when only the Hugo site is wanted: the same random draws, nothing written."""


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def generate(n, out, hugo):
    """Writes the repository to `out` (None: only the Hugo site) and, with `hugo`, the Hugo site."""
    rng = random.Random(n * 7919)
    emit = write if out else skip
    if out and os.path.exists(out):
        shutil.rmtree(out)
    campaigns = max(2, n // 250)
    personas = max(3, min(40, n // 500))
    emit(f"{out}/touchpoint.toml", 'name = "Bench Brand"\nclient = "Bench GmbH"\nlanguage = "de"\n'
          'timezone = "Europe/Berlin"\n\n' + "".join(f'[platforms.{p}]\nhandle = "@bench_{p}"\n\n' for p in PLATFORMS))
    strategy = ['[[goals]]\nid = "reach"\nname = "Reichweite"\nkpi = "reach"\ntarget = 50000\nperiod = "month"\n']
    strategy += [f'[[pillars]]\nid = "{p}"\nname = "{p.title()}"\nshare = {s}\n' for p, s in PILLARS]
    strategy.append("[mix]\ntolerance = 0.10\n")
    strategy += [f"[cadence.{p}]\nmax_gap_days = 30\n" for p in PLATFORMS]
    strategy.append('[voice]\nbanned = ["billig"]\n[[voice.prefer]]\nuse = "Fahrrad"\ninstead_of = "Bike"\n')
    strategy.append('[disclosure]\nmarkers = ["Anzeige", "#ad"]\n')
    strategy.append('[utm]\nsource = "{platform}"\nmedium = "social"\ncampaign = "{campaign}"\n')
    emit(f"{out}/strategy.toml", "\n".join(strategy))
    persona_platforms = []
    for i in range(personas):
        plats = sorted(rng.sample(PLATFORMS, 4))
        persona_platforms.append(plats)
        emit(f"{out}/personas/persona-{i:03}.md", f'+++\nname = "Persona {i}"\nplatforms = {plats!r}\n'
              f'interests = ["Radfahren"]\npains = ["Zeit"]\n+++\n{sentence(rng, 30)}\n'.replace("'", '"'))
    start = dt.datetime(2026, 1, 5, 8, 0)
    span_days = max(60, n // 8)
    for i in range(campaigns):
        c_start = start.date() + dt.timedelta(days=i * span_days // campaigns)
        c_end = c_start + dt.timedelta(days=max(14, span_days // campaigns + 7))
        emit(f"{out}/campaigns/kampagne-{i:03}.md", f'+++\nname = "Kampagne {i}"\nstart = {c_start}\nend = {c_end}\n'
              f'hashtags = ["kampagne{i}"]\n+++\n{sentence(rng, 40)}\n')
    emit(f"{out}/crisis/ausfall.md", '+++\ntitle = "Ausfall"\nscenario = "Ausfall"\n'
          f'platforms = {PLATFORMS!r}\nmedia = [{{ path = "media/square.png", alt = "Hinweis" }}]\n+++\n'
          'Heute bleibt die Werkstatt geschlossen. Wir melden uns morgen.\n'.replace("'", '"'))
    if out:
        os.makedirs(f"{out}/media", exist_ok=True)
        with open(f"{out}/media/square.png", "wb") as f:
            f.write(png(64, 64))
    metrics = ["post,platform,date,impressions,reach,likes,comments,shares,saves,clicks,video_views,followers"]
    hugo_pages = []
    for i in range(n):
        when = start + dt.timedelta(minutes=i * span_days * 24 * 60 // n)
        when = when.replace(hour=8 + (i % 10), minute=(i * 7) % 60)
        persona_index = rng.randrange(personas)
        persona = f"persona-{persona_index:03}"
        plats = sorted(rng.sample(persona_platforms[persona_index], rng.randint(1, 3)))
        pillar = rng.choices([p for p, _ in PILLARS], weights=[s for _, s in PILLARS])[0]
        pid = f"{when:%Y}/{when:%m}/post-{i:06}"
        title = f"{sentence(rng, 5)[:-1]} {i}"
        body = "\n\n".join(sentence(rng, rng.randint(6, 12)) for _ in range(rng.randint(1, 2)))
        status = "published" if when < dt.datetime(2026, 6, 1) else "approved"
        # Approved and published posts name who wrote and who approved them, as a team with
        # four-eyes review does (without, every post is a `missing-approval` warning).
        author, approver = rng.sample(TEAM, 2)
        campaign_index = (when.date() - start.date()).days * campaigns // span_days
        campaign_id = min(campaign_index, campaigns - 1)
        campaign = f'campaign = "kampagne-{campaign_id:03}"\n' if i % 3 == 0 else ""
        tags = f'["fahrrad", "kampagne{campaign_id}"]' if campaign else '["fahrrad"]'
        media = 'media = [{ path = "media/square.png", alt = "Ein Quadrat" }]\n' if "instagram" in plats else ""
        if i % 5 == 0:
            fm = (f"---\ntitle: \"{title}\"\npublish_at: {when:%Y-%m-%d %H:%M}\nplatforms: [{', '.join(plats)}]\n"
                  f"status: {status}\nauthor: {author}\napproved_by: {approver}\npillar: {pillar}\npersonas: [{persona}]\nhashtags: [fahrrad]\n---\n")
            if media:
                fm = fm.replace("hashtags:", "media:\n  - path: media/square.png\n    alt: Ein Quadrat\nhashtags:")
        else:
            fm = (f'+++\ntitle = "{title}"\npublish_at = {when:%Y-%m-%dT%H:%M:00}\nplatforms = {plats!r}\n'
                  f'status = "{status}"\nauthor = "{author}"\napproved_by = "{approver}"\npillar = "{pillar}"\npersonas = ["{persona}"]\n{campaign}{media}'
                  f'hashtags = {tags}\nlink = "https://radwerk.de/p/{i}"\n'.replace("'", '"'))
            if "x" in plats:
                fm += f'\n[x]\ntext = "{sentence(rng, 6)} {i}"\n'
            fm += "+++\n"
        emit(f"{out}/posts/{pid}.md", fm + body + "\n")
        if status == "published":
            for p in plats:
                reach = rng.randint(200, 20000)
                metrics.append(f"{pid},{p},{when:%Y-%m-%d},{reach * 2},{reach},{reach // 20},{reach // 200},"
                               f"{reach // 300},{reach // 400},{reach // 100},,{1000 + i}")
        hugo_pages.append((pid, title, when, plats, pillar, body))
    emit(f"{out}/metrics/normalised.csv", "\n".join(metrics) + "\n")
    if hugo:
        write_hugo(hugo, hugo_pages)


def write_hugo(out, pages):
    """The same posts as a Hugo site with a minimal theme: one page per post plus list pages."""
    if os.path.exists(out):
        shutil.rmtree(out)
    # buildFuture: posts are dated up to years ahead; without it Hugo silently renders only
    # the past ones (about a quarter of them at 10,000 posts) and the baseline is unfairly cheap.
    write(f"{out}/hugo.toml", 'baseURL = "http://localhost/"\ntitle = "Bench"\nbuildFuture = true\n'
          'disableKinds = ["RSS", "sitemap", "robotsTXT"]\n[taxonomies]\nplatform = "platforms"\npillar = "pillars"\n')
    write(f"{out}/layouts/_default/baseof.html", "<!doctype html><html><head><title>{{ .Title }}</title></head>"
          "<body>{{ block \"main\" . }}{{ end }}</body></html>")
    write(f"{out}/layouts/_default/single.html", '{{ define "main" }}<h1>{{ .Title }}</h1><time>{{ .Date }}</time>'
          "{{ .Content }}<ul>{{ range .Params.platforms }}<li>{{ . }}</li>{{ end }}</ul>{{ end }}")
    write(f"{out}/layouts/_default/list.html", '{{ define "main" }}<h1>{{ .Title }}</h1><ul>{{ range .Pages }}'
          '<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}')
    for pid, title, when, plats, pillar, body in pages:
        write(f"{out}/content/posts/{pid}.md", f'+++\ntitle = "{title}"\ndate = {when:%Y-%m-%dT%H:%M:00}+01:00\n'
              f'platforms = {plats!r}\npillars = ["{pillar}"]\n+++\n{body}\n'.replace("'", '"'))
    # List pages: the home page, the posts section, the two taxonomy lists and one per term.
    terms = {p for _, _, _, plats, _, _ in pages for p in plats} | {f"pillar:{p[4]}" for p in pages}
    lists = 1 + 1 + 2 + len(terms)
    write(f"{out}/bench.json", json.dumps({"posts": len(pages), "list_pages": lists, "pages": len(pages) + lists}) + "\n")


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("n", type=int)
    ap.add_argument("out", help="repository folder (replaced); - for none (only --hugo)")
    ap.add_argument("--hugo", metavar="DIR", help="also write the posts as a Hugo site here (replaced)")
    a = ap.parse_args()
    if a.out == "-" and not a.hugo:
        ap.error("nothing to write: give OUT or --hugo")
    generate(a.n, None if a.out == "-" else a.out, a.hugo)
