# Words of the program itself: output labels, errors, help.

severity-error = error
severity-warning = warning
severity-info = note
severity-ok = OK

step-records = Are DNS records missing?
step-proxy = Mail records must not be proxied
step-practices = Best practices for MX records
step-provider = Contact your mail provider

step-state-ok = checked, nothing to fix
step-state-warning = to improve
step-state-error = problem to fix
step-state-not-checked = not checked
step-state-identified = provider identified
step-state-not-identified = provider not recognized
step-unanswered = Not checked: the { $type } lookup of { $name } { $status ->
        [timeout] got no answer in time
        [unreachable] could not reach the server from this machine
        [servfail] failed at the server (SERVFAIL)
        [refused] was refused by the server (REFUSED)
        [loop] ran into a CNAME loop
        [referral] was referred to a zone below, which did not answer
        [error] failed
       *[none] could not be made
    }.
summary-incomplete = Check incomplete: { $count ->
        [one] 1 step not checked
       *[other] { $count } steps not checked
    } (DNS lookups failed).
summary-not-checked = { $count ->
        [one] 1 step could not be checked: a lookup it needs failed.
       *[other] { $count } steps could not be checked: lookups they need failed.
    }
not-checked = some steps for { $domain } could not be checked: a lookup they need failed.

list-and = { $head } and { $last }
progress-domains = domains
progress-rate = domains/s
progress-questions = questions
progress-errors = { $count ->
        [one] 1 with errors
       *[other] { $count } with errors
    }
batch-summary = { $domains ->
        [one] 1 domain checked
       *[other] { $domains } domains checked
    }: { $errors } with errors, { $warnings } with warnings only, { $unchecked } not fully checked. Findings by code:
batch-questions = { $count ->
        [one] { $count } DNS question asked.
       *[other] { $count } DNS questions asked.
    }
batch-bad-lines = { $count ->
        [one] 1 input line was not a domain and was skipped.
       *[other] { $count } input lines were not domains and were skipped.
    }
list-empty = the list contains no domain to check.
list-truncated = the list is too long to hold: only its first { $count } domains are checked.
wiz-list = Domains
wiz-list-title = { $done } of { $count } checked
wiz-list-title-sorted = { $done } of { $count } checked · worst first
col-domain = Domain
col-state = State
key-choose = choose
key-open = open
key-sort = sort
label-why = Why:
label-fix = Fix:
label-domain = Domain
label-brand = CDN
label-resolvers = Resolvers
label-started = Started
label-elapsed = Duration
label-version = Version
label-language = Language
label-same-machine = Mail server on the website's machine or network
answer-yes-no = { $answer ->
        [yes] yes
       *[no] no
    }
label-lookups = Lookups
label-probes = Connection tests (port { $port })
label-not-probed = The connection to port 25 was not tested (--no-smtp).

col-name = Name
col-type = Type
col-status = Status
col-answers = Answers
col-ttl = TTL
col-ms = ms
col-server = Server
col-host = Host
col-address = Address
col-port = Port
col-result = Result

summary = { $errors ->
        [0] No errors
        [one] 1 error
       *[other] { $errors } errors
    }, { $warnings ->
        [0] no warnings
        [one] 1 warning
       *[other] { $warnings } warnings
    }.

report-title = Mail delivery report for { $domain }
report-summary = Summary
report-findings = Findings
report-for-support = For your mail provider or { $brand }'s support
report-for-support-text = This report lists every DNS lookup and port-25 connection test made for { $domain }, with the server asked, the answer and its response time. Attach it to your request as it is.
report-article = The fix step by step: { $url }
report-incomplete = Incomplete: the run was interrupted after { $count } domains; those above are complete.
report-written = Report written to { $path }.

error-prefix = mxdoctor: { $message }
error-hint = Try "mxdoctor{ $command } --help".

input-empty = no domain given.
input-control = the domain contains control characters.
input-blank = "{ $input }" contains a space; domain names cannot contain spaces.
input-ip = "{ $input }" is an IP address; give the domain name instead.
input-wildcard = "{ $input }" contains a wildcard (*); give one actual domain.
input-too-long = "{ $input }" is too long ({ $len } characters; at most 253).
input-label-too-long = in "{ $input }", the part "{ $label }" is too long ({ $len } characters; at most 63).
input-empty-label = "{ $input }" has an empty part between two dots.
input-single-label = "{ $input }" is not a full domain name (such as example.com).
input-invalid = "{ $input }" is not a valid domain name.

cli-unknown-argument = unknown option or argument "{ $arg }".
cli-missing-domain = missing argument: the domain to check ({ $arg }).
cli-missing = missing argument: { $arg }
cli-invalid-value = invalid value "{ $value }" for { $arg }.
cli-conflict = { $arg } and { $other } cannot be used together: keep one of them.
cli-usage = the command line is not understood ({ $detail }).

opt-bad-resolver = "{ $value }" is not a resolver address (IP or IP:PORT).
opt-bad-timeout = "{ $value }" is not a timeout: give seconds between 0.1 and 60.
token-file-open = the token file { $path } can be read by other users of this machine: make it yours alone (chmod 600 { $path }).
token-file-not-regular = the token file { $path } is not a small regular file.
token-file-read = cannot read the token file { $path }: { $reason }.
token-file-empty = the token file { $path } is empty.
opt-bad-api-base = MXDOCTOR_CLOUDFLARE_API must be an https:// address (plain http:// only to this machine), not "{ $value }".
ca-file-read = cannot read the CA file { $path }: { $reason }.
cert-env-bad = { $var } names { $path }, which is not a regular file of at most 16 MiB (or a folder of such files): unset it, or point it at a certificate bundle.
ca-file-bad = the CA file { $path } contains no PEM certificate.
opt-bad-port = "{ $value }" is not a port number (1 to 65535).
opt-bad-brand = unknown CDN "{ $value }"; expected one of: { $known }.
opt-bad-lang = unknown language "{ $value }"; expected one of: en, fr.
opt-bad-format = unknown format "{ $value }"; expected one of: text, json, markdown, csv, csv-domains, summary.
opt-bad-jobs = "{ $value }" is not a number of domains at once (1 to 1024).
opt-bad-qps = "{ $value }" is not a number of queries per second (1 or more).
from-not-regular = { $path } is not a regular file; to read a pipe, give - and send it on standard input.
io-reason = { $kind ->
        [not-found] file not found
        [denied] permission denied
        [directory] it is a folder
        [not-directory] part of the path is not a folder
        [full] the disk is full
        [read-only] the file system is read-only
       *[other] system error ({ $detail })
    }
from-read = cannot read { $path }: { $reason }.
input-unreadable = the input could not be read: { $reason }.
input-line-too-long = the line is longer than 4096 bytes.
input-not-text = the line is not text (UTF-8).
input-bad-line = { $source }, line { $line }: { $message }
input-origin-argument = the command line
input-origin-stdin = standard input

brand-not-regular = the CDN profile file { $path } is not a regular file.
brand-too-large = the CDN profile file { $path } is larger than 1 MiB.
report-not-regular = { $path } is not a regular file; the report is written only to a new file or over a regular one.
output-failed = cannot write the output ({ $reason }).
cli-invalid-utf8 = the value of { $arg } is not valid text (UTF-8).
brand-read = cannot read the CDN profile file { $path }: { $reason }.
brand-malformed = the CDN profile file { $path } is malformed: { $reason }

report-exists = { $path } already exists; add --force to replace it.
report-failed = cannot write the report { $path }: { $reason }.

no-resolver = no DNS resolver to ask ({ $reason }); use --resolver.
nothing-answered = no DNS server answered for { $domain } ({ $cause ->
        [unreachable] the server cannot be reached from this machine: check its connection and the resolver's address
        [timeout] the server does not answer
       *[other] every lookup failed
    }): the diagnosis could not go to the end.

demo-title = Demo: { $count ->
        [one] one example domain
       *[other] { $count } example domains
    }, served from this machine.
demo-unknown = unknown demo "{ $value }"; expected one of: { $known }.
demo-failed = the demo could not start ({ $reason }).
demo-healthy = A domain set up as the support article recommends.
demo-missing = No MX record, and the root domain is proxied.
demo-proxied = The mail server's A record is proxied (orange cloud).
demo-apex = The MX points at the proxied root domain.
demo-shared = Mail and web share one unproxied address.
demo-cname = The MX target is an alias.
demo-synthesized = The CDN rewrote a proxied MX target.

help-about = Finds why mail to a domain behind a proxying CDN is not delivered, and says what to change.
help-usage = Usage:
help-arguments = Arguments
help-options = Options
help-commands = Commands
help-cmd-check = Diagnose one or more domains without the wizard (for scripts and tickets)
help-cmd-demo = Run the wizard on example domains simulated on this machine
help-domain = The domain (an e-mail address or a web address also works)
help-domains = The domains to check; - reads them from standard input, one per line
help-scenario = One demo domain: healthy, missing, proxied, apex, shared, cname, synthesized
help-resolver = DNS server to ask (repeatable: on timeout the next is asked) [default: the system's]
help-brand = The CDN: cloudflare or khulnasoft [default: cloudflare]
help-brand-file = Load the CDN's profile from this TOML file
help-lang = Language: en or fr [default: from LC_ALL, LC_MESSAGES, LANG]
help-timeout = Seconds to wait for each DNS answer and SMTP greeting [default: 3]
help-smtp-port = Port for the mail-server connection test [default: 25]
help-no-smtp = Do not test the connection to mail servers (port 25)
help-ns-port = Port the zone's own name servers are asked on [default: 53]
help-no-authoritative = Ask only the resolver, not the zone's own name servers
help-api-token-file = Read the CDN's API token from this file (else CLOUDFLARE_API_TOKEN)
help-cmd-fix = Take the proxy off the mail records through the CDN's API, after you confirm
help-fix-domain = The domain to fix
help-dry-run = Show the changes without making them
help-yes = Make the changes without asking (for scripts)
help-interval = Seconds between two checks while watching [default: 10]
help-watch = Check again every --interval until the fix is in at the source and in caches; one line per change
help-compare-resolvers = Also compare with other resolvers' caches: alone, Cloudflare's, Google's and Quad9's public ones; or =IP,IP
help-ca-file = Also trust this CA certificate file (PEM) for STARTTLS; repeatable
help-no-tui = Print the plain report instead of opening the wizard (also when TERM=dumb)
help-cmd-completions = Print a completion script for bash, zsh, fish, elvish or powershell
help-shell = The shell: bash, zsh, fish, elvish or powershell
help-cmd-manpage = Print the manual page (troff), in the chosen language
help-config = Read defaults from this file instead of $XDG_CONFIG_HOME/mxdoctor/config.toml
help-cmd-config = Where the config file is; --print-template prints one to start from
help-print-template = Print a commented config file
help-report = Write the Markdown report to this file
help-force = Replace the report file if it exists
help-format = Output: text, json, markdown, csv (one row per finding) or summary (one line per domain) [default: text]
help-from = Also check the domains in this file, one per line (repeatable)
help-jobs = Domains checked at once [default: 20, or 8 with the system's resolver]
help-qps = At most this many DNS queries per second, evenly spaced
help-ordered = Write results in the input's order, not as they finish
help-quiet = No progress bar and no summary
help-json = Same as --format json
help-details = Also list every DNS lookup and port-25 test (text output)
help-help = Print help
help-version = Print version

# The wizard.
wiz-language-name = English
wiz-too-small = The terminal is too small ({ $width }×{ $height }): make it at least 60×20 (q to quit).
wiz-terminal-failed = the terminal could not be used ({ $reason }).
wiz-step-domain = Domain
wiz-step-summary = Summary
wiz-short-records = Records
wiz-short-proxy = Proxy
wiz-short-practices = Practices
wiz-short-provider = Provider
wiz-state-waiting = not checked yet
wiz-state-running = checking…
wiz-domain-title = Which domain is not receiving mail?
wiz-domain-hint = Type the domain, or an e-mail address or web address on it, then press Enter.
wiz-domain-label = Domain
wiz-brand-label = CDN:
wiz-lang-label = Language:
wiz-demo-hint = Demo domains (type "proxied" for proxied.example): { $list }
wiz-lookups = Lookups
wiz-chain = Mail path
wiz-findings = Findings
wiz-chain-null = accepts no mail
wiz-chain-implicit = (no MX)
wiz-chain-invalid = invalid host name
wiz-chain-port = port { $port }
wiz-chain-failed = lookup failed
wiz-chain-no-address = no address
wiz-chain-brand-service = { $brand } mail service
wiz-chain-proxied = proxied
wiz-chain-dns-only = DNS only
wiz-waiting = Waiting for answers…
wiz-question-title = One question DNS cannot answer
wiz-question = Does the mail server run on the same machine or network as the website?
wiz-answer-yes = yes
wiz-answer-no = no
wiz-answer-unknown = don't know
wiz-provider-title = Who to contact
wiz-provider-unknown = Mail provider not recognized: contact whoever runs your mail server.
wiz-provider-send = Send them the report (press e): it lists every DNS lookup, its answer and its response time.
wiz-exported = Report saved to { $path }; sent to the clipboard (if your terminal allows it).
wiz-export-wait = The report can be saved once the checks are done.
wiz-watch-fixed = Fixed: no error left.
wiz-watching = Watching: next check in { $secs } s (w to stop).
wiz-watch-checking = Watching: checking…
wiz-summary-title = Summary for { $domain }
wiz-summary-next = After a change in { $brand }, press r to check again.
wiz-details-title = DNS lookups and connection tests
wiz-help-title = Keys

key-check = check
key-field = next field
key-quit = quit
key-result = result
key-change = change
key-help = help
key-move = steps
key-answer = answer
key-recheck = recheck
key-watch = watch
key-lang = français
key-details = details
key-export = report

help-key-next = next step
help-key-back = previous step
help-key-tab = move between the elements of the screen
help-key-scroll = scroll the findings, the summary, this help or the details
help-key-recheck = check again now, asking every question anew
help-key-watch = follow the fix: check again every 5 s until the name servers publish the change, then count the cache down (w to stop)
help-key-lang = switch between French and English
help-key-details = show or hide every DNS lookup and port-25 test
help-key-export = save the report (Markdown) and send it to the clipboard
help-key-answer = answer the question (step 3, when it is asked)
help-key-help = show or hide this help
help-key-quit = quit
help-key-result = back to the last domain's result
help-key-choose = list of domains: choose one
help-key-open = list: open the chosen domain (Esc: back to the list)
help-key-sort = list: sort the worst first, or back to the input's order
cached-finding = Still cached: { $line }
api-confirmed = Confirmed by the API: { $records } (proxied).
api-dns-only = The API lists { $records } as DNS only: the address may be another account's at the CDN, or an old answer.
api-unlisted = The API's record list does not show this host: the CDN makes these answers when it is asked.
opt-bad-interval = "{ $value }" is not a number of seconds between 0.1 and 3600.
api-client = cannot prepare the connection to the CDN's API: { $reason }.
fix-no-token = fixing needs a { $brand } API token: set CLOUDFLARE_API_TOKEN or use --api-token-file (see mxdoctor fix --help).
fix-api-failed = { $reason } { $fix }
fix-needs-yes = standard input is not a terminal, so nobody can confirm: nothing was changed. Add --yes to apply without asking, or --dry-run to see the plan.
fix-not-yet = the name servers still do not serve the change after { $seconds } s; run mxdoctor check later.
fix-plan-title = Changes to make at { $brand } for { $domain }:
fix-nothing = Nothing to change at { $brand } for { $domain }: no mail record is proxied.
fix-change-unproxy = { $name } { $type } { $content }: Proxied → DNS only
fix-change-create = { $name } { $type } { $content }: new record, DNS only
fix-change-retarget-mx = { $name } MX { $from } → { $to }
fix-change-create-mx = { $name } MX 10 { $to }: new record
fix-locked = { $name } { $type } is still proxied, and { $brand } locks it ({ $service ->
        [none] another service manages it
       *[other] managed by { $service }
    }): mxdoctor cannot change it. Turn the proxy off where that service is set up, or ask { $brand }'s support to set it to DNS only.
fix-only-locked = Mail for { $domain } still goes through the { $brand } proxy, and every record to change is locked:
fix-warn-public = Once the record is DNS only, the mail server's address becomes public: anyone can see it.
fix-warn-shared = The website uses the same origin address ({ $addresses }): it becomes public too, and visitors could bypass the proxy. The proper fix is a separate address for mail.
fix-confirm = Apply { $count ->
        [one] this change
       *[other] these { $count } changes
    }? [y/N]{" "}
fix-yes-words = y, yes
fix-proxied-unlisted = Mail for { $domain } still goes through the { $brand } proxy, but the API lists no record of its mail names to change: change them in the { $brand } dashboard (DNS section), then run mxdoctor check.
fix-waiting-write = a change is being written at the CDN: waiting for its answer, so as to say exactly what was done.
fix-status = { $line }
fix-declined = Nothing was changed.
fix-dry-run = Dry run: nothing was changed.
fix-applied = ✓ { $change } (done at { $time })
fix-failed = ✗ { $change }: { $reason }
fix-undo = To undo: { $call }
fix-watching = Waiting for the name servers to serve the change…
fix-at-source = Fixed at { $brand } at { $time }.
fix-caches = Caches may still hold the old answer until { $until } ({ $seconds } s at most): ask senders to retry after { $until }.
fix-caches-clear = The resolver already gives the new answer: mail sent now reaches the mail server.
fix-report-title = Changes made at the CDN
fix-report-done = done
status-unknown = Not known yet whether the fix is in: { $count ->
        [one] 1 lookup
       *[other] { $count } lookups
    } did not answer, such as { $type } { $name } ({ $status ->
        [unreachable] unreachable
        [timeout] no answer in time
        [servfail] SERVFAIL
        [refused] REFUSED
        [loop] CNAME loop
        [referral] referred to a zone below
        [error] failed
       *[none] not asked
    }). "Fixed" is said only from answers received.
status-unknown-api = Not known yet whether the fix is in: the { $brand } API, which says what is proxied, did not answer.
wiz-watch-unknown = { $line } Checking again.
watch-one-domain = --watch follows one domain at a time.
watch-caches-done = The resolver gives the new answer since { $time }: senders now reach the mail server.
key-fix = fix
key-apply = apply
key-cancel = cancel
help-key-fix = fix at the CDN: shows each change, applies it only after you press y, then watches
wiz-fix-title = Fix at { $brand }
wiz-fix-no-token = To fix this from here, mxdoctor needs a { $brand } API token (My Profile › API Tokens, permission "Zone › DNS › Edit"). Start mxdoctor again with { $var } or --api-token-file. Until then, follow "What to do" in the dashboard.
wiz-fix-api-failed = f cannot fix this from here: { $reason }
wiz-fix-nothing = Nothing here can be changed at { $brand } for you: the fix is in the steps' advice.
wiz-fix-confirm = Press y to apply, n or Esc to cancel. Nothing changes before.
wiz-fix-planning = Reading the records at the CDN and making the plan…
wiz-fix-quit-wait = Quitting once the CDN has answered the change in flight…
wiz-fix-applying = Making the changes…
wiz-fixed-caches = Fixed at { $brand } at { $time }. Resolvers may keep the old answer { $left } s more (TTL { $ttl } s): ask senders to retry after { $until }.
wiz-fixed-everywhere = Fixed at { $brand } at { $time }; the resolver already gives the new answer: mail can arrive again.
fix-report-token = Made with the API token { $token }.
label-cdn-records = Records at { $brand } (zone { $zone }), as its API lists them
col-content = Content
col-proxy = Proxy status
cdn-proxied = proxied
cdn-dns-only = DNS only
cdn-locked = locked
wiz-chain-tls = STARTTLS
wiz-chain-dane = DANE
wiz-chain-cert = certificate
config-read = cannot read the config file { $path }: { $reason }.
config-not-regular = the config file { $path } is not a small regular file.
config-bad = the config file { $path } is not valid: { $reason }
config-where = The config file is read from { $path } ({ $state ->
        [present] present
       *[absent] not there yet
    }; or --config PATH). mxdoctor config --print-template prints one to start from.
config-template =
    # mxdoctor's config file: defaults for the long options, under their names.
    # The command line wins over the environment, which wins over this file.
    # Remove the "#" of a line to use it.

    # lang = "fr"                         # en or fr
    # brand = "cloudflare"                # cloudflare or khulnasoft
    # brand_file = "/path/to/brand.toml"
    # resolver = ["192.0.2.53", "[2001:db8::53]:53"]
    # timeout = 3                         # seconds, 0.1 to 60
    # smtp_port = 25
    # jobs = 20                           # domains at once, 1 to 1024
    # api_token_file = "/path/to/token"   # the CDN's API token, never the token itself
    # sender_ip = ["198.51.100.7"]       # servers that send the domain's mail: their SPF result
    # helo = "mail.example.com"           # the name they give in HELO
    # color = "auto"                      # auto, always or never
    # theme = "light"                     # the wizard's colours: dark or light
    # mouse = false                       # leave the mouse to the terminal

wiz-more = ▼ { $count } more
keyname-enter = Enter
keyname-esc = Esc
keyname-pgup = PgUp
keyname-pgdn = PgDn
keyname-home = Home
keyname-end = End
keys-answer = y/n/u
keys-apply = y
key-scroll = scroll
lookup-status = { $status ->
        [ok] OK
        [nxdomain] no such name
        [nodata] no record
        [servfail] server failure (SERVFAIL)
        [refused] refused (REFUSED)
        [unreachable] unreachable
        [timeout] no answer in time
        [loop] CNAME loop
        [referral] referred to a zone below
       *[error] error
    }
probe-status = { $status ->
        [banner] greeted
        [refused] connection refused
        [timeout] no answer in time
        [bad-banner] bad greeting
       *[error] error
    }
tls-cell = STARTTLS: { $state ->
        [ok] { $detail }
        [not-offered] not offered
        [no-answer] no answer ({ $detail })
        [name-mismatch] name mismatch { $detail }
        [expired] expired { $detail }
        [not-yet-valid] not yet valid { $detail }
        [unknown-issuer] unknown issuer { $detail }
       *[handshake] handshake failed ({ $detail })
    }
tls-row-ok = OK
tls-row-failed = failed
label-no-probe = No address was tested: none could be reached directly (all proxied, or none found).
usage-wizard = mxdoctor [OPTIONS] [DOMAIN]
usage-command = mxdoctor <COMMAND> [OPTIONS] …
placeholder-domain = DOMAIN
placeholder-scenario = SCENARIO
placeholder-path = PATH
placeholder-lang = LANG
placeholder-secs = SECS
placeholder-command = COMMAND
help-diagnosis-options = Diagnosis options
help-after-check =
    Examples:
      mxdoctor check example.com
          the four steps, as text
      mxdoctor check --from domains.txt --format summary
          one line per domain, for grep and scripts
      mxdoctor check example.com --report ticket.md
          write the report to attach to a ticket

    Exit codes: 0 every step checked, none in error · 1 a problem to fix · 2 bad input or usage · 3 the diagnosis could not run fully
help-after-fix =
    The API token comes from CLOUDFLARE_API_TOKEN, --api-token-file or the config file (never the command line). Create it in the dashboard: My Profile › API Tokens, permission "Zone › DNS › Edit".

    Examples:
      mxdoctor fix example.com --dry-run
          show the changes without making them
      mxdoctor fix example.com
          make them once you confirm, then follow the fix

    Exit codes: 0 the fix is in the answers (or nothing to fix) · 1 a mail record is still proxied · 2 no token, or nobody to confirm · 3 the API refused or did not answer, or the status is not known
help-after-demo =
    Scenarios:
      healthy      { demo-healthy }
      missing      { demo-missing }
      proxied      { demo-proxied }
      apex         { demo-apex }
      shared       { demo-shared }
      cname        { demo-cname }
      synthesized  { demo-synthesized }
help-after =
    Examples:
      mxdoctor example.com
          open the wizard on example.com
      mxdoctor check example.com --report ticket.md
          diagnose without the wizard, and write the report to attach to a ticket

    Exit codes: 0 every step checked, none in error · 1 a problem to fix · 2 bad input or usage · 3 the diagnosis could not run fully
cli-missing-value = { $arg } needs a value.
wiz-demo-only = "{ $input }" is not one of the demo's domains: choose one below.

help-cmd-spf = Evaluate SPF as a receiving server would, for one sender address (RFC 7208)
help-spf-ip = The sending server's IP address
help-spf-sender = The sender address (MAIL FROM); empty: the HELO name's policy
spf-bad-ip = "{ $value }" is not an IP address.
spf-bad-sender = "{ $value }" is not a sender address (name@domain), or --helo is missing for an empty one.
spf-verdict = SPF for { $ip } sending as { $sender } (HELO { $helo }): { $result }
spf-decided = Decided by: { $term }
spf-explanation = Explanation given by the domain: { $text }
spf-stopped = Stopped: { $why }
spf-cost = DNS lookups: { $lookups } of { $max } at most; void ones: { $void } of { $max_void } at most.
spf-term-cost = { $count ->
        [one] 1 lookup
       *[other] { $count } lookups
    }
spf-term-void = found nothing
spf-term-unresolved = the name depends on the sender's address
spf-term-matched = matched
spf-why-syntax = the record of { $domain } is malformed at "{ $term }" ({ $problem })
spf-why-multiple = { $domain } has { $count } SPF records
spf-why-no-record = { $domain } has no SPF record
spf-why-lookups = more than 10 DNS lookups ({ $count })
spf-why-void = more than 2 lookups that found nothing ({ $count })
spf-why-names = { $term } names { $count } hosts (10 at most)
spf-why-loop = { $domain } leads back to itself
spf-why-lookup = the lookup of { $name } ({ $type }) failed: { $status }
help-sender-ip = A server that sends the domain's mail: check gives its SPF result (repeatable)
help-helo = The name a sending server gives in HELO [default: the sender's domain]
opt-bad-sender-ip = "{ $value }" is not an IP address for --sender-ip.
spf-record-ok = SPF record valid as receivers evaluate it: { $lookups ->
        [one] 1 DNS lookup
       *[other] { $lookups } DNS lookups
    } of 10, { $void } void of 2 (d shows its tree).
label-spf = SPF record as receivers evaluate it (DNS lookups: { $lookups } of 10; void: { $void } of 2)
anchor-read = cannot read the trust anchor file { $path }: { $reason }.
anchor-bad = the trust anchor file { $path } holds no DS or DNSKEY record of the root in zone-file form.
help-trust-anchor = The DNSSEC root's keys: DS or DNSKEY records in zone-file form [default: the IANA root keys]
label-dnssec = DNSSEC, as a validating resolver judges the answers used
dnssec-secure = secure (zone { $zone })
dnssec-insecure = not signed (zone { $zone })
dnssec-unknown = not known: an answer is missing
dnssec-state-ds-missing = signed, no DS at the parent (zone { $zone })
dnssec-state-bogus = bogus at zone { $zone }: { $reason }
dnssec-state-unknown = not known: { $type } { $name } got no answer
dane-record-matched = matches the certificate presented at { $address }
dane-record-unmatched = matches no certificate presented
dane-record-unusable = not usable for SMTP (RFC 7672 §3.1.3)
help-key-jump = go straight to step 1, 2, 3 or 4, or to the summary (b)
help-key-ends = to the top or the end of what scrolls
verdict-error = Something stops mail for { $domain }: see step { $step } ({ $name })
verdict-incomplete = Incomplete diagnosis: step { $step } ({ $name }) could not be checked
verdict-warning = Nothing stops mail to { $domain }; a point to improve at step { $step } ({ $name })
verdict-clear = Nothing stops mail to { $domain }

## Keys that tell the truth, and the list screen
key-filter = filter
key-filter-done = keep the filter
key-close = close
key-list = list
help-key-apply = fix dialog: make the changes shown
help-key-cancel = fix dialog: change nothing and close
help-key-filter = list of domains: keep only the names or finding codes holding what you type (Enter keeps it, Esc clears it)
help-key-close = close this window
help-key-list = back to the list of domains
wiz-count-errors = { $count } with errors
wiz-count-warnings = { $count } with warnings
wiz-count-unsure = { $count } not checked
wiz-count-clear = { $count } clear
wiz-count-pending = { $count } being checked
col-found = Worst finding
wiz-filter = { $filter } ({ $shown } shown)
wiz-skipped = { $count ->
    [one] 1 input line was not a domain and was skipped:
   *[other] { $count } input lines were not domains and were skipped:
}
wiz-list-header = List: { $title }
wiz-list-demo = the demo's domains
help-demo-list = The list screen, on forty demo domains
opt-bad-choice = unknown value "{ $value }" for { $arg }; expected one of: { $known }.
opt-bad-theme = MXDOCTOR_THEME is "{ $value }"; expected dark or light.
help-color = Colour: auto (a terminal without NO_COLOR), always or never [default: auto]
help-no-mouse = The wizard leaves the mouse to the terminal (no wheel or clicks; selecting text works as usual)
help-theme = The wizard's colours: dark or light, for the terminal's background [default: dark; also MXDOCTOR_THEME]

## The manual page
man-name = Name
man-synopsis = Synopsis
man-description = Description
man-options = Options
man-commands = Commands
man-keys = Keys
man-keys-intro = In the wizard; each screen's footer shows the keys that act there, and ? lists them.
man-exit = Exit status
man-exit-ok = Every step was checked and none is in error.
man-exit-findings = A problem to fix was found.
man-exit-usage = Bad input or usage: an unknown option, a name that is not a domain, an unreadable file.
man-exit-cannot-run = The diagnosis could not run fully: the resolver did not answer, or the network is unreachable.
man-exit-signal = Stopped by signal N (130 for Ctrl-C); what was done is kept.
man-environment = Environment
man-env-token = The CDN's API token, for the fix (or --api-token-file; never on the command line).
man-env-api = Another address for the CDN's API (HTTPS, or HTTP on loopback).
man-env-theme = The wizard's colours: dark or light.
man-env-no-color = Set and not empty: no colour, unless --color always.
man-env-lang = The language, when --lang does not say: French for fr, English otherwise.
man-env-certs = Where the trust store for STARTTLS is read.
man-env-config = Where the config file is looked for.
man-env-term = dumb: the plain report instead of the wizard.
man-files = Files
man-file-config = Defaults for the long options, under their names (lang, brand, resolver, timeout, color, mouse, theme…); mxdoctor config --print-template prints one to start from.
man-examples = Examples
man-example-demo = the wizard on example domains, with no network
man-example-wizard = open the wizard on example.com
man-example-report = diagnose without the wizard, and write the report to attach to a ticket
man-example-summary = one line per domain of a list, for scripts and grep
man-example-fix = show the changes a fix would make at the CDN, without making them
man-manual = User Commands
wiz-help-here = On this screen
wiz-help-elsewhere = Elsewhere
wiz-list-none = nothing wrong
severity-unchecked = not checked
lookup-status-short = { $status ->
        [ok] OK
        [nxdomain] no domain
        [nodata] no record
        [servfail] SERVFAIL
        [refused] REFUSED
        [timeout] timeout
        [loop] loop
        [referral] referral
        [unreachable] unreachable
       *[error] error
    }
wiz-demo-badge = DEMO
