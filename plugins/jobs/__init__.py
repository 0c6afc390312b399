"""Jobs: one-click job matching and the 15-minute employment circle (一键人岗匹配, 15分钟就业服务圈).

Job seekers (residents of the people base who are looking for work, and those registered with 人社), vacancies of
the enterprises in the registry, a score per seeker and vacancy with its reasons, pushes of the best matches to
seekers through a pluggable notifier, then their responses, interviews and hires, and the KPIs by subdistrict and
month.  Seekers are personal data: never in a collection, only in personal, audited, unit-scoped queries.

Names both halves share: the live collection, queries and commands."""

VACANCIES = "jobs.vacancies"  # open vacancies (no personal data), placed by their enterprise's subdistrict
SEARCHES = "jobs.searches"  # open searches: a seeker's key and place, no name (placed; for the unit checks)
OCCUPATIONS = "jobs.occupations"  # the occupational classification (GB/T 6565 subset): reference data
SEEKERS = "jobs.seekers"  # query: job seekers found (personal, audited)
MATCHES = "jobs.matches"  # query: the top vacancies for one seeker, with reasons (personal, audited)
CANDIDATES = "jobs.candidates"  # query: the top seekers for one vacancy, with reasons (personal, audited)
PUSHES = "jobs.pushes"  # query: the pushes and what came of them (personal, audited)
ENROL = "jobs.enrol"  # command: residents the people base says are looking become seekers
PUSH = "jobs.push"  # command: push one seeker's top matches, or every seeker's of a subdistrict
RESPOND = "jobs.respond"  # command: a seeker's answer to a push (interested, declined)
INTERVIEW = "jobs.interview"  # command: an interview arranged for a push
HIRE = "jobs.hire"  # command: a hire: closes the seeker's search, fills one opening
WITHDRAWN = "jobs.withdrawn"  # audit note: the people base withdrew seekers or took them back (withdrawn, ids, back)
HOURS = ("full", "part", "flexible")  # a vacancy's hours; a seeker may also say "any"
EDUCATION = ("none", "primary", "junior", "senior", "vocational", "college", "bachelor", "master", "doctor")
RESPONSES = ("interested", "declined")
