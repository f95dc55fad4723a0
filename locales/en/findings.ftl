# One message per finding code: a line, then .why and .fix.
# Every message may use $brand (the CDN's name) and $dashboard (its dashboard address).

-dns-only = DNS only (grey cloud)
-proxied = Proxied (orange cloud)

domain-not-found = The domain { $domain } does not exist in DNS.
    .why = The DNS answered that no such name exists, so no mail server can be found for it.
    .fix = Check the spelling. If the domain is yours, check that it is registered, renewed, and delegated to the right name servers.

lookup-failed = { $count ->
        [one] Could not get the { $type } record of { $name }
       *[other] { $count } lookups failed ({ $lookups })
    }: { $status ->
        [timeout] { $server } did not answer in time
        [unreachable] { $server } cannot be reached from this machine (the network is unreachable, or nothing listens there)
        [servfail] { $server } reported a failure (SERVFAIL)
        [refused] { $server } refused the query (REFUSED)
        [loop] a CNAME loop (at { $server })
        [referral] { $server } sent the question to the name servers of a zone below, which did not answer
        [mixed] { $server } did not answer properly (no answer in time, or an error)
       *[other] an error at { $server }
    }.
    .why = A failed lookup says nothing about whether the record exists: nothing is concluded from it, and the steps that need it stay unchecked.
    .fix = { $status ->
        [unreachable] Check this machine's connection to the network (or the --resolver address), then check again.
       *[other] Run the check again. If it keeps failing, ask another resolver with --resolver and check that the domain's name servers answer.
    }

mx-missing = { $domain } has no MX record.
    .why = { $fallback ->
        [direct] Without an MX record, senders fall back to the domain's own address ({ $address }). That can work, but it is fragile and many senders give up.
       *[proxied] Without an MX record, senders fall back to the domain's own address, and that address is { $brand }'s proxy, which does not carry mail.
    }
    .fix = In the { $brand } dashboard, DNS section, add an MX record for { $domain } pointing to your mail server's name (for example mail.{ $domain }), as given by your mail provider.

null-mx = { $domain } says it accepts no mail (null MX).
    .why = A single "MX 0 ." record tells senders not to try: mail to this domain bounces at once.
    .fix = If the domain should receive mail, delete the "MX 0 ." record and add the MX records your mail provider gives you.

null-mx-mixed = { $domain } has a null MX next to other MX records.
    .why = "MX 0 ." means "no mail here"; next to real MX records it contradicts them and senders may refuse to deliver.
    .fix = In the { $brand } dashboard, delete the MX record whose target is "." and keep your real mail servers.

mx-target-missing = The mail server { $host } has no address (no A or AAAA record).
    .why = An MX record points at a name; senders then look up that name's address. There is none, so mail cannot be delivered.
    .fix = In the { $brand } dashboard, add an A record for { $host } with your mail server's IP address, and set it to { -dns-only }.

mx-target-unusable = The mail server { $host } has an address no sender can deliver to ({ $address }).
    .why = Addresses such as 0.0.0.0, ::, multicast or 240.0.0.0/4 name no machine on the Internet: mail sent there goes nowhere.
    .fix = In the { $brand } dashboard, set the A/AAAA records of { $host } to your mail server's real address, { -dns-only }.

mx-target-cname = The mail server { $host } is an alias (CNAME to { $target }).
    .why = An MX must point at a name with its own A or AAAA record, not at an alias (RFC 2181). Some senders refuse it; behind { $brand }, the alias may also be flattened to proxied addresses.
    .fix = Replace the CNAME on { $host } with A/AAAA records holding the mail server's real address, set to { -dns-only }.

mx-target-ip-literal = The MX record points at an address written as a name ({ $host }).
    .why = An MX target must be a host name (RFC 1035); senders do not treat it as an IP address and delivery fails.
    .fix = Create a name such as mail.{ $domain } with an A record holding this address ({ -dns-only }), and point the MX record at that name.

mx-target-invalid = The MX target "{ $host }" is not a valid host name.
    .why = It contains characters a host name cannot have (spaces, control characters or others), so senders cannot use it.
    .fix = In the { $brand } dashboard, correct the MX record so that it names your mail server exactly as given by your mail provider.

spf-missing = { $domain } has no SPF record.
    .why = Without SPF, receivers cannot tell which servers may send mail for { $domain }, and your mail is more likely to land in spam.
    .fix = Add a TXT record at { $domain } starting with "v=spf1", as given by your mail provider (for example "v=spf1 mx -all").

spf-multiple = { $domain } has { $count } SPF records; only one is allowed.
    .why = With more than one "v=spf1" record, receivers stop with a permanent error (RFC 7208) and treat your mail as unauthenticated.
    .fix = Merge them into a single TXT record: one "v=spf1", all the mechanisms, one "all" at the end.

spf-invalid = The SPF record of { $domain } is malformed: { $reason ->
        [bad-ip4] bad IPv4 address in "{ $term }"
        [bad-ip6] bad IPv6 address in "{ $term }"
        [missing-domain] a domain is missing in "{ $term }"
        [bad-cidr] bad prefix length in "{ $term }"
        [duplicate-modifier] "{ $term }" appears twice
        [bad-character] it contains a character SPF does not allow
        [bad-domain] "{ $term }" names no valid domain (it must end in a top-level label such as .com)
        [bad-macro] a malformed macro in "{ $term }"
        [bad-modifier] "{ $term }" is not a valid modifier
       *[other] unknown term "{ $term }"
    }.
    .why = Receivers stop at the first syntax error with a permanent error, as if the domain had no valid SPF.
    .fix = Correct the current TXT record at { $domain } ("{ $record }").

dmarc-missing = { $domain } has no DMARC record.
    .why = Without DMARC, receivers have no policy for mail that fails SPF or DKIM, and large mailbox providers now expect one from senders.
    .fix = Add a TXT record at _dmarc.{ $domain }, for example "v=DMARC1; p=none" (add rua=mailto:… only to a mailbox that exists).

dmarc-inherited = { $domain } has no DMARC record of its own: the one of { $policy_domain } applies to it (policy { $policy }).
    .why = Receivers look for a DMARC record at the domain, then at its organisational domain, whose sp= (or else p=) covers its subdomains (RFC 7489 §6.6.3).
    .fix = Nothing to do, unless { $domain } needs a policy of its own: then publish a TXT record at _dmarc.{ $domain }.

dmarc-invalid = The DMARC record of { $domain } is malformed: { $reason ->
        [missing-policy] the policy tag p= is missing
        [bad-policy] the policy "{ $term }" must be none, quarantine or reject
        [bad-tag] "{ $term }" is not a tag=value pair
        [several] there are { $term } DMARC records; only one is allowed
       *[other] bad value in "{ $term }"
    }.
    .why = Receivers ignore a malformed DMARC record, so the domain has no DMARC policy in practice.
    .fix = Correct the TXT record at _dmarc.{ $domain } so that it starts "v=DMARC1; p=" followed by none, quarantine or reject.

mx-target-proxied = The address of the mail server { $host } is set to { -proxied } at { $brand } ({ $address }).
    .why = { $brand } proxies only web traffic. Mail sent to { $host } reaches { $brand }'s addresses, which do not accept mail on port 25, so it bounces (is returned to the sender).
    .fix = In the { $brand } dashboard (DNS section), edit the A/AAAA records of { $host } and switch the proxy status from { -proxied } to { -dns-only }.

mx-apex-proxied = { $implicit ->
        [yes] { $host } has no MX record, so senders use the root domain itself, which is set to { -proxied } at { $brand } ({ $address }).
       *[no] The MX points at the root domain { $host }, which is set to { -proxied } at { $brand } ({ $address }).
    }
    .why = The root domain usually carries the website behind the proxy; mail sent there reaches { $brand }, not your mail server.
    .fix = { $implicit ->
        [yes] 1. Create mail.{ $host } with an A record to your mail server, set to { -dns-only }. 2. Add an MX record for { $host } that points at mail.{ $host }.
       *[no] Create mail.{ $host } with an A record to your mail server, set to { -dns-only }; then point the MX record at mail.{ $host }.
    }

mx-synthesized = { $brand } rewrote the MX target to { $host }, which exposes the origin ({ $address }).
    .why = The MX pointed at a proxied name, so { $brand } replaced it with a name carrying the real address. Mail flows, but anyone can now see the address behind the proxy.
    .fix = Give the mail server its own name with an A record set to { -dns-only }, point the MX record at it, and make sure that address is not the web server's.

smtp-unreachable = No mail server answered on { $address } port { $port } ({ $host }): { $reason ->
        [refused] connection refused
        [timeout] no answer in time
        [bad-banner] unexpected greeting "{ $detail }"
       *[other] { $detail }
    }.
    .why = This address is not { $brand }'s: the DNS part is right, but the mail server itself, or a firewall in front of it, does not accept connections.
    .fix = Check with your mail provider or host that the server at { $address } is running and that port { $port } is open to the Internet. Outgoing port 25 is also blocked on many home and cloud networks: try from elsewhere before concluding.

smtp-ok = The mail server { $host } ({ $address }) answers on port { $port }: { $banner }
    .why = A mail server greeted the probe, so mail can reach it.
    .fix = Nothing to do.

mx-at-apex = The MX record points at the root domain { $host }.
    .why = The root domain usually holds the website; with { $brand }, turning on the proxy for the site also sends mail to { $brand }, where it is lost.
    .fix = Use a dedicated name such as mail.{ $host } with its own A record set to { -dns-only }, and point the MX record at it.

mail-web-shared-ip = The mail server { $host } and the website share the address { $address }.
    .why = The mail record shows the web server's real address, so anyone can bypass { $brand } and attack the site directly.
    .fix = Give mail and web separate addresses, ideally in different ranges; then proxy the web records and keep only the mail records { -dns-only }.

mail-web-contiguous = The mail server { $host } ({ $address }) is next to the web address { $web }.
    .why = Addresses in the same block (/24 or /64) let an attacker guess the web server's real address from the mail record.
    .fix = Move mail or web to a separate, non-contiguous address range.

origin-exposure = { $shared ->
        [no] The mail server { $host } is a separate machine: its public address does not give the website away.
       *[other] The website is protected by { $brand }, but the mail record { $host } reveals a real server address ({ $address }).
    }
    .why = Mail records must stay { -dns-only }, so their address is public. If that machine also serves the website, attackers can reach the site without going through { $brand }.
    .fix = { $shared ->
        [yes] Mail and web share a machine or network, so the proxy can be bypassed: move the mail server (or the site) to a separate machine whose address is unrelated to the website's, then change the web server's address, since the old one is known.
        [no] The mail server is a separate machine: nothing to change.
       *[unknown] If mail and web run on the same machine or network, move one of them; otherwise there is nothing to change.
    }

zone-not-on-brand = The name servers of { $domain } are not { $brand }'s ({ $nameservers }).
    .why = Proxy settings only apply when the zone is served by { $brand }; with other name servers, the records shown here come from elsewhere.
    .fix = Make the changes where the zone is hosted, or check that { $brand } is the DNS provider you meant.

brand-mail-service = The MX records point at { $brand }'s own mail service ({ $host }).
    .why = These addresses belong to { $brand }'s network on purpose: this is not a proxy mistake.
    .fix = Nothing to change for the proxy; manage routing rules in the { $brand } dashboard.

provider-detected = Your mail is handled by { $provider } ({ $host }).
    .why = Contact them if mail still fails.
    .fix = If mail still fails, send { $provider } the report (press e, or --report) and see their help: { $url }

all-clear = Nothing found that blocks mail delivery to { $domain }.
    .why = The MX records, the mail servers' addresses and the proxy settings look right.
    .fix = If mail still bounces, send the report to your mail provider with the bounce message.

fix-propagating = The name servers of { $domain } already serve the change, but caches still hold the old answer for { $names }: for up to { $seconds } s, until { $until }.
    .why = Resolvers keep an answer for its TTL; a "does not exist" is kept for the zone's negative-caching time. Until then, some senders still see the old records, so the problems marked "still cached" may go on for them.
    .fix = Nothing more to change. Ask senders to retry after { $until }; mail queued by their servers is usually retried on its own.

authoritative-mismatch = The name servers of this zone disagree about { $type } { $name }: { $answers }.
    .why = Every name server of a zone should serve the same data. When they differ, a change reached only some of them (a zone transfer not done, or a move between DNS providers half finished), and senders get one answer or the other by chance.
    .fix = Check the zone where it is hosted and that every name server listed in the NS records belongs to that provider; remove the ones that do not, at the registrar and in the zone.

authoritative-lame = The name server { $server } did not answer for { $domain } ({ $count ->
        [one] 1 question
       *[other] { $count } questions
    }, { $status ->
        [timeout] no answer in time
        [refused] REFUSED
        [servfail] SERVFAIL
       *[other] error
    }).
    .why = A name server listed for a zone that does not answer for it (a "lame" delegation) slows every lookup, and makes some fail, depending on which server a resolver picks.
    .fix = Remove this server from the NS records (at the registrar and in the zone), or have its operator serve the zone again.

authoritative-unreachable = None of the name servers of { $domain } answered directly ({ $servers }); the verdict rests on the resolver's answers.
    .why = Some networks let DNS out only through their own resolver. Without the zone's own answers, a change just made cannot be told apart from the old answer a cache still holds.
    .fix = If you just changed a record, run the check again from another network, or wait for the TTL to pass.

permission-name = { $permission ->
        [zone-read] Zone › Zone › Read
        [dns-read] Zone › DNS › Read
        [token-read] User › API Tokens › Read
       *[dns-edit] Zone › DNS › Edit
    }

api-unauthorized = The { $brand } API refused the token (not valid or expired).
    .why = Without a valid token, mxdoctor cannot read the records' real proxy status, nor change it.
    .fix = Create a token in the { $brand } dashboard (My Profile › API Tokens) with the permission { permission-name }, limited to this zone, and give it through CLOUDFLARE_API_TOKEN or --api-token-file.

api-forbidden = The token may not do this: it lacks the permission { permission-name }.
    .why = A token carries only the permissions it was created with; this call needs { permission-name }.
    .fix = Edit the token in the { $brand } dashboard (My Profile › API Tokens) and add { permission-name } for this zone.

api-zone-not-found = No zone of this { $brand } account contains { $domain }.
    .why = The token sees only its own account's zones: the domain is in another account, or its DNS is not at { $brand }.
    .fix = Use a token of the account that holds the zone, or make the change where the DNS is hosted.

api-rate-limited = The { $brand } API asks to slow down{ $seconds ->
        [0] .
       *[other] : retry in { $seconds } s.
    }
    .why = The API allows a limited number of calls per five minutes for each account.
    .fix = Wait, then run mxdoctor again.

api-unreachable = The { $brand } API could not be reached: { $reason }.
    .why = The API is needed to read the records' real proxy status; the DNS answers still stand.
    .fix = Check the network (and any proxy), then run mxdoctor again.

api-error = The { $brand } API refused the call: { $reason }.
    .why = The API answered with an error; nothing was changed by this call.
    .fix = Run mxdoctor again; if it persists, send the report to { $brand }'s support with this message.

api-proxy-disagrees = The { $brand } API lists { $host } as proxied, though DNS gives { $address }, outside the { $brand } ranges mxdoctor knows: the API's word is taken.
    .why = With a token, the API says what is really proxied; the published ranges change, and a test or private setup may use other addresses.
    .fix = Treat { $host } as proxied: set its records to DNS only (mxdoctor fix does it).

api-not-applied = The { $brand } API answered that the change was made, but its records still show the old state.
    .why = mxdoctor reads every change back; "done" is said only when the API shows the new state.
    .fix = Check the record in the { $brand } dashboard (DNS section), then run mxdoctor fix again.

api-too-many-records = The { $brand } zone of { $domain } lists more than { $count } records: mxdoctor stops there rather than plan from part of them.
    .why = A plan is made from every record of the mail names; a zone this large, or an API that repeats itself, would make it slow and unsure.
    .fix = Change the mail records in the { $brand } dashboard (DNS section): set each one to DNS only.

mail-client-proxied = { $host } is proxied by { $brand } ({ $address }){ $use ->
        [autoconfig] : mail programs fetch their settings there over HTTPS.
       *[mail] : mail programs cannot reach it.
    }
    .why = { $use ->
        [autoconfig] { $brand } carries HTTPS, so autodiscover and autoconfig still work through the proxy; the settings they hand out must name hosts that are not proxied.
       *[mail] { $brand } proxies only web traffic. IMAP, POP and SMTP submission sent to { $host } reach { $brand } and fail: mail programs can neither read nor send mail, even though incoming mail may work.
    }
    .fix = { $use ->
        [autoconfig] Nothing to change for the proxy; check that the settings served name DNS-only hosts.
       *[mail] In the { $brand } dashboard (DNS section), switch the records of { $host } to { -dns-only }, or have mail programs use a DNS-only host name.
    }

spf-too-many-lookups = { $limit ->
        [void] The SPF record of { $domain } leads to { $count } lookups that find nothing (2 at most).
        [names] The { $term } term of the SPF record of { $domain } names { $count } mail hosts (10 at most).
       *[lookups] The SPF record of { $domain } needs { $count } DNS lookups (10 at most).
    }
    .why = Receivers stop evaluating SPF after 10 DNS lookups, or after 2 that come back empty, and treat the result as a permanent error: mail from the domain may be rejected or marked as spam. What costs what: { $tree }.
    .fix = Remove the include, a, mx, ptr and exists terms no longer needed, replace some with ip4: and ip6: ranges, or ask the providers you include for a leaner record.

spf-include-failed = The SPF record of { $domain } includes { $include }, { $reason ->
        [nxdomain] which has no DNS name
        [invalid] whose SPF record is malformed ("{ $term }")
        [multiple] which has several SPF records
        [loop] which leads back to a record already being evaluated (a loop)
       *[other] which has no SPF record
    }.
    .why = An include or redirect that cannot be evaluated makes the whole evaluation a permanent error (RFC 7208): receivers may reject the domain's mail.
    .fix = Remove include:{ $include } from the record of { $domain }, or correct the name or the record it leads to.

smtp-starttls-missing = The mail server { $host } ({ $address }) does not offer STARTTLS.
    .why = Without STARTTLS, mail reaches the server unencrypted; senders that require encryption, or a domain policy (MTA-STS) that asks for it, do not deliver.
    .fix = Turn on STARTTLS on the mail server, with a certificate for { $host } (your mail provider or the server's documentation says how).

smtp-tls-invalid = The mail server { $host } ({ $address }) offers STARTTLS, but { $reason ->
        [name-mismatch] its certificate is for other names ({ $names })
        [expired] its certificate expired on { $not_after }
        [not-yet-valid] its certificate is valid only from { $not_before }
        [unknown-issuer] its certificate is signed by an authority senders do not know ({ $issuer })
        [no-answer] it did not answer EHLO or STARTTLS as SMTP says ({ $detail })
       *[handshake] the encrypted connection fails ({ $detail })
    }.
    .why = Most senders still deliver over an unverified or plain connection, but those that check certificates (an MTA-STS policy in enforce mode, DANE, or strict settings) refuse to deliver.
    .fix = Install a valid certificate for { $host } on the mail server (for example from Let's Encrypt), with the intermediate certificates, and renew it before it expires.

smtp-tls-ok = The mail server { $host } ({ $address }) offers STARTTLS ({ $version }) with a valid certificate for its name.
    .why = Senders can encrypt mail on the way, and those that check certificates deliver.
    .fix = Nothing to change; renew the certificate before it expires.

mta-sts-invalid = The MTA-STS policy of { $domain } { $reason ->
        [txt] is announced by a malformed _mta-sts record ({ $detail })
        [http] cannot be fetched: the web server answers { $detail }
        [certificate] cannot be fetched: the web server's certificate does not verify ({ $detail })
        [not-text] cannot be fetched: the answer is not text/plain ({ $detail })
        [too-large] cannot be fetched: it is over { $detail }
        [policy] is malformed ({ $detail })
       *[unreachable] cannot be fetched: { $detail }
    }.
    .why = Senders that honour MTA-STS read this policy to know which mail servers to trust. One they cannot read or parse leaves them unprotected, or, with a policy they remember in enforce mode, refusing to deliver.
    .fix = Serve the policy at https://mta-sts.{ $domain }/.well-known/mta-sts.txt as text/plain with a valid certificate (the mta-sts web host may stay proxied by { $brand }: HTTPS passes), with version, mode, mx and max_age lines, and change the id in the _mta-sts record whenever the policy changes.

mta-sts-mx-mismatch = The MTA-STS policy of { $domain } ({ $mode }) does not allow the mail server { $host }: it lists { $patterns }.
    .why = { $mode ->
        [enforce] Senders that honour MTA-STS refuse to deliver to a mail server the policy does not list: mail sent to { $host } does not arrive from them.
       *[testing] In testing mode senders still deliver, but they report a failure each time; once in enforce mode, they would refuse.
    }
    .fix = Add "mx: { $host }" (or a matching *. pattern) to the policy, change the id in the _mta-sts record, or point the MX back at a host the policy lists.

tls-rpt-missing = { $domain } uses MTA-STS but asks for no TLS reports.
    .why = With a _smtp._tls TXT record (v=TLSRPTv1; rua=…), senders report the deliveries that failed because of the policy or of TLS: the first sign of a certificate or MX problem.
    .fix = Add a TXT record at _smtp._tls.{ $domain }: "v=TLSRPTv1; rua=mailto:tls-reports@{ $domain }".

spf-authorises-proxy = The SPF record of { $domain } authorises "{ $term }", and { $host } is behind the proxy: the term authorises { $brand }'s addresses ({ $addresses }), not the server that sends your mail.
    .why = Since the move, { $host } answers with { $brand }'s addresses, which never send mail. Mail sent by your own server now fails SPF and may be rejected or filed as spam.
    .fix = In the SPF record of { $domain }, replace "{ $term }" with ip4: (or ip6:) terms giving your sending server's own address, for example ip4:ADDRESS. Those terms publish the server's address, which the proxy hid: keep the mail server apart from the web server (see origin-exposure).

spf-sender-pass = SPF passes for { $ip } sending for { $domain }{ $decided ->
        [term] , authorised by "{ $mechanism }"
       *[none] {""}
    }.
    .why = Receivers check that the server that sends is one the domain's SPF record names: this one is.
    .fix = Nothing to change.

spf-sender-fail = SPF gives "{ $result }" for { $ip } sending for { $domain }{ $decided ->
        [term] , decided by "{ $mechanism }"
       *[none] : no term of the record names it
    }.
    .why = { $result ->
        [permerror] Receivers cannot evaluate the record (see the other SPF findings) and treat the mail as unauthenticated.
        [none] The domain has no SPF record: receivers cannot tell its servers from anyone else's.
       *[other] Receivers check that the server that sends is one the domain's SPF record names: this one is not, and its mail may be rejected or filed as spam.
    }
    .fix = Add this server to the SPF record of { $domain }: ip4:{ $ip } (or ip6:), or the include: its provider gives. If it is the web server behind the proxy, see spf-authorises-proxy.

brand-mail-service-mixed = The MX records of { $domain } mix { $brand }'s mail routing ({ $service }) with other mail hosts ({ $others }).
    .why = { $brand }'s mail routing needs its MX records alone. Beside other hosts, senders choose between the two systems by preference or at random, and part of the mail goes where nobody reads it.
    .fix = In the { $brand } dashboard (DNS section), keep either { $brand }'s routing MX records or your other mail hosts' MX records, not both.

dnssec-ok = DNSSEC: the chain of trust validates from the root to { $zone } for the mail records used.
    .why = Validating resolvers, those of the large mail providers among them, accept these answers as authentic.
    .fix = Nothing to change. After a move of DNS host, keep the DS record at the registrar matching the new provider's key.

dnssec-bogus = DNSSEC is broken for { $zone }: { $reason ->
        [ds-mismatch] the DS at the registry matches none of its keys
        [dnskey-missing] the registry has a DS but the zone serves no DNSKEY
        [signature-expired] its signatures have expired
        [signature-not-yet-valid] its signatures are not valid yet
        [signature-missing] its answers carry no signature
        [signature-invalid] a signature does not verify
       *[algorithm-unsupported] it is signed only with an algorithm that cannot be checked
    }.
    .why = Validating resolvers (Google, Quad9, { $brand }, the big mail providers) answer SERVFAIL for { $own ->
        [yes] the whole domain
       *[no] the mail host in { $zone }
    }: mail is deferred, then bounced.
    .fix = { $reason ->
        [ds-mismatch] At the registrar, replace the DS of { $zone } with the one on the { $brand } DNSSEC page, or remove it (it is the old provider's).
        [dnskey-missing] At the registrar, remove the DS of { $zone }, or turn DNSSEC on at the DNS host (on { $brand }, the DNSSEC page) and publish the DS it gives.
       *[other] Ask the DNS host of { $zone } to sign the zone again (on { $brand }, turn DNSSEC off and on from the DNSSEC page); until then, removing the DS at the registrar lets mail flow.
    }

dnssec-ds-missing = The zone { $zone } is signed, but its parent publishes no DS record for it.
    .why = Without the DS record at the registry, no resolver validates the zone: it works as if unsigned. DNSSEC was turned on at the DNS host and never finished at the registrar.
    .fix = Copy the DS record from the { $brand } dashboard (DNSSEC page) to the registrar of { $zone }, or turn DNSSEC off at { $brand } if it is not wanted.

dane-ok = DANE: a TLSA record of { $host } matches the certificate it presents ({ $record }).
    .why = Senders that validate DANE (Postfix with dane, large providers) deliver to it over authenticated TLS.
    .fix = Nothing to change. Before changing the certificate or its key, publish the new TLSA record beside the old one.

dane-tlsa-mismatch = DANE: no TLSA record of { $host } matches the certificate it presents at { $address }.
    .why = The TLSA records ({ $records }) are signed, so senders that validate DANE (Postfix with dane, large providers) refuse to deliver to this server: mail to it waits in their queues, then bounces.
    .fix = Publish a TLSA record for the certificate now in use (for example 3 1 1 and the SHA-256 of its public key) at _25._tcp.{ $host }, or install again the certificate the records name.

dane-unsigned = DANE: { $host } has TLSA records ({ $records }), but their zone is not signed with DNSSEC.
    .why = Senders only use TLSA records that DNSSEC vouches for: these are ignored, and mail to the server gets no DANE protection.
    .fix = Sign the zone and publish its DS at the registrar (on { $brand }, the DNSSEC page), or remove the TLSA records.
