# Un message par code de constat : une ligne, puis .why et .fix.
# Chaque message peut utiliser $brand (le nom du CDN) et $dashboard (l’adresse de son tableau de bord).

-dns-only = « DNS uniquement » (nuage gris)
-proxied = « Traité par proxy » (nuage orange)

domain-not-found = Le domaine { $domain } n’existe pas dans le DNS.
    .why = Le DNS répond que ce nom n’existe pas : aucun serveur de messagerie ne peut donc être trouvé pour lui.
    .fix = Vérifiez l’orthographe. S’il s’agit de votre domaine, vérifiez qu’il est bien enregistré, renouvelé et délégué aux bons serveurs de noms.

lookup-failed = { $count ->
        [one] Impossible d’obtenir l’enregistrement { $type } de { $name }
       *[other] { $count } requêtes ont échoué ({ $lookups })
    } : { $status ->
        [timeout] le serveur { $server } n’a pas répondu à temps
        [unreachable] le serveur { $server } est injoignable depuis cette machine (réseau injoignable, ou rien n’écoute à cette adresse)
        [servfail] le serveur { $server } a signalé un échec (SERVFAIL)
        [refused] le serveur { $server } a refusé la requête (REFUSED)
        [loop] boucle de CNAME (serveur { $server })
        [referral] { $server } a renvoyé la question aux serveurs de noms d’une zone inférieure, qui n’ont pas répondu
        [mixed] le serveur { $server } n’a pas répondu correctement (délai dépassé ou erreur)
       *[other] erreur auprès de { $server }
    }.
    .why = Une requête qui échoue ne dit pas si l’enregistrement existe : on n’en tire donc aucune conclusion, et les étapes qui en ont besoin restent non vérifiées.
    .fix = { $status ->
        [unreachable] Vérifiez la connexion de cette machine au réseau (ou l’adresse donnée à --resolver), puis relancez la vérification.
       *[other] Relancez la vérification. Si l’échec persiste, interrogez un autre résolveur avec --resolver et vérifiez que les serveurs de noms du domaine répondent.
    }

mx-missing = { $domain } n’a aucun enregistrement MX.
    .why = { $fallback ->
        [direct] Faute d’enregistrement MX, les expéditeurs se rabattent sur l’adresse du domaine lui-même ({ $address }). Cela peut marcher, mais c’est fragile et beaucoup d’expéditeurs abandonnent.
       *[proxied] Faute d’enregistrement MX, les expéditeurs se rabattent sur l’adresse du domaine lui-même ; or cette adresse est celle du proxy de { $brand }, qui ne transporte pas le courrier.
    }
    .fix = Dans le tableau de bord { $brand }, rubrique DNS, ajoutez un enregistrement MX pour { $domain } qui désigne le nom de votre serveur de messagerie (par exemple mail.{ $domain }), tel que votre fournisseur de messagerie vous l’indique.

null-mx = { $domain } déclare n’accepter aucun courrier (MX nul).
    .why = Un unique enregistrement « MX 0 . » demande aux expéditeurs de ne rien envoyer : tout message vers ce domaine est aussitôt rejeté (retourné à l’expéditeur).
    .fix = Si le domaine doit recevoir du courrier, supprimez l’enregistrement « MX 0 . » et ajoutez les enregistrements MX fournis par votre fournisseur de messagerie.

null-mx-mixed = { $domain } a un MX nul à côté d’autres enregistrements MX.
    .why = « MX 0 . » signifie « pas de courrier ici » ; à côté de vrais enregistrements MX, il les contredit et des expéditeurs peuvent refuser la livraison.
    .fix = Dans le tableau de bord { $brand }, supprimez l’enregistrement MX dont la cible est « . » et gardez vos vrais serveurs de messagerie.

mx-target-missing = Le serveur de messagerie { $host } n’a pas d’adresse (ni enregistrement A ni AAAA).
    .why = Un enregistrement MX désigne un nom, dont les expéditeurs cherchent ensuite l’adresse. Il n’y en a aucune : le courrier ne peut pas être livré.
    .fix = Dans le tableau de bord { $brand }, ajoutez un enregistrement A pour { $host } avec l’adresse IP de votre serveur de messagerie, en { -dns-only }.

mx-target-unusable = Le serveur de messagerie { $host } a une adresse à laquelle aucun expéditeur ne peut livrer ({ $address }).
    .why = Des adresses comme 0.0.0.0, « :: », multicast ou 240.0.0.0/4 ne désignent aucune machine sur Internet : le courrier envoyé là ne va nulle part.
    .fix = Dans le tableau de bord { $brand }, donnez aux enregistrements A/AAAA de { $host } la véritable adresse de votre serveur de messagerie, en { -dns-only }.

mx-target-cname = Le serveur de messagerie { $host } est un alias (CNAME vers { $target }).
    .why = Un MX doit désigner un nom qui possède ses propres enregistrements A ou AAAA, pas un alias (RFC 2181). Certains expéditeurs le refusent ; chez { $brand }, l’alias peut en outre être aplati vers des adresses traitées par proxy.
    .fix = Remplacez le CNAME de { $host } par des enregistrements A/AAAA contenant la véritable adresse du serveur de messagerie, en { -dns-only }.

mx-target-ip-literal = L’enregistrement MX désigne une adresse écrite comme un nom ({ $host }).
    .why = La cible d’un MX doit être un nom d’hôte (RFC 1035) ; les expéditeurs ne la lisent pas comme une adresse IP et la livraison échoue.
    .fix = Créez un nom comme mail.{ $domain } avec un enregistrement A contenant cette adresse ({ -dns-only }), puis faites pointer l’enregistrement MX vers ce nom.

mx-target-invalid = La cible MX « { $host } » n’est pas un nom d’hôte valide.
    .why = Elle contient des caractères interdits dans un nom d’hôte (espaces, caractères de contrôle ou autres) : les expéditeurs ne peuvent pas s’en servir.
    .fix = Dans le tableau de bord { $brand }, corrigez l’enregistrement MX pour qu’il désigne votre serveur de messagerie exactement comme l’indique votre fournisseur.

spf-missing = { $domain } n’a pas d’enregistrement SPF.
    .why = Sans SPF, les destinataires ne savent pas quels serveurs ont le droit d’envoyer du courrier pour { $domain }, et vos messages risquent davantage d’arriver dans les courriers indésirables.
    .fix = Ajoutez sur { $domain } un enregistrement TXT commençant par « v=spf1 », tel que votre fournisseur de messagerie vous le donne (par exemple « v=spf1 mx -all »).

spf-multiple = { $domain } a { $count } enregistrements SPF ; un seul est permis.
    .why = Avec plusieurs enregistrements « v=spf1 », les destinataires s’arrêtent sur une erreur permanente (RFC 7208) et considèrent vos messages comme non authentifiés.
    .fix = Fusionnez-les en un seul enregistrement TXT : un seul « v=spf1 », tous les mécanismes, un seul « all » à la fin.

spf-invalid = L’enregistrement SPF de { $domain } est mal formé : { $reason ->
        [bad-ip4] adresse IPv4 incorrecte dans « { $term } »
        [bad-ip6] adresse IPv6 incorrecte dans « { $term } »
        [missing-domain] il manque un domaine dans « { $term } »
        [bad-cidr] longueur de préfixe incorrecte dans « { $term } »
        [duplicate-modifier] « { $term } » apparaît deux fois
        [bad-character] il contient un caractère que SPF n’autorise pas
        [bad-domain] « { $term } » ne désigne pas un domaine valable (il doit finir par une extension telle que .com)
        [bad-macro] macro mal formée dans « { $term } »
        [bad-modifier] « { $term } » n’est pas un modificateur valable
       *[other] terme inconnu « { $term } »
    }.
    .why = Les destinataires s’arrêtent à la première erreur de syntaxe, avec une erreur permanente, comme si le domaine n’avait pas de SPF valable.
    .fix = Corrigez l’enregistrement TXT actuel de { $domain } (« { $record } »).

dmarc-missing = { $domain } n’a pas d’enregistrement DMARC.
    .why = Sans DMARC, les destinataires n’ont aucune consigne pour le courrier qui échoue à SPF ou DKIM, et les grandes messageries l’attendent désormais des expéditeurs.
    .fix = Ajoutez un enregistrement TXT sur _dmarc.{ $domain }, par exemple « v=DMARC1; p=none » (n’ajoutez rua=mailto:… que vers une boîte qui existe).

dmarc-inherited = { $domain } n’a pas d’enregistrement DMARC propre : celui de { $policy_domain } s’applique (politique { $policy }).
    .why = Les destinataires cherchent un enregistrement DMARC sur le domaine, puis sur son domaine organisationnel, dont le sp= (ou à défaut le p=) couvre les sous-domaines (RFC 7489 §6.6.3).
    .fix = Rien à faire, sauf si { $domain } a besoin de sa propre politique : publiez alors un enregistrement TXT sur _dmarc.{ $domain }.

dmarc-invalid = L’enregistrement DMARC de { $domain } est mal formé : { $reason ->
        [missing-policy] la balise de politique p= est absente
        [bad-policy] la politique « { $term } » doit valoir none, quarantine ou reject
        [bad-tag] « { $term } » n’est pas une paire balise=valeur
        [several] il y a { $term } enregistrements DMARC ; un seul est permis
       *[other] valeur incorrecte dans « { $term } »
    }.
    .why = Les destinataires ignorent un enregistrement DMARC mal formé : en pratique, le domaine n’a donc aucune politique DMARC.
    .fix = Corrigez l’enregistrement TXT de _dmarc.{ $domain } pour qu’il commence par « v=DMARC1; p= » suivi de none, quarantine ou reject.

mx-target-proxied = L’adresse du serveur de messagerie { $host } est en { -proxied } chez { $brand } ({ $address }).
    .why = { $brand } ne traite par proxy que le trafic Web. Le courrier envoyé à { $host } arrive sur les adresses de { $brand }, qui n’acceptent pas de courrier sur le port 25 : il est rejeté (retourné à l’expéditeur).
    .fix = Dans le tableau de bord { $brand } (rubrique DNS), modifiez les enregistrements A/AAAA de { $host } et passez le statut du proxy de { -proxied } à { -dns-only }.

mx-apex-proxied = { $implicit ->
        [yes] { $host } n’a aucun enregistrement MX : les expéditeurs utilisent donc le domaine racine lui-même, qui est en { -proxied } chez { $brand } ({ $address }).
       *[no] Le MX désigne le domaine racine { $host }, qui est en { -proxied } chez { $brand } ({ $address }).
    }
    .why = Le domaine racine porte en général le site Web derrière le proxy ; le courrier envoyé là arrive chez { $brand }, pas sur votre serveur de messagerie.
    .fix = { $implicit ->
        [yes] 1. Créez mail.{ $host } avec un enregistrement A vers votre serveur de messagerie, en { -dns-only }. 2. Ajoutez pour { $host } un enregistrement MX qui désigne mail.{ $host }.
       *[no] Créez mail.{ $host } avec un enregistrement A vers votre serveur de messagerie, en { -dns-only } ; faites ensuite pointer l’enregistrement MX vers mail.{ $host }.
    }

mx-synthesized = { $brand } a remplacé la cible MX par { $host }, ce qui dévoile l’adresse d’origine ({ $address }).
    .why = Le MX désignait un nom traité par proxy ; { $brand } l’a donc remplacé par un nom qui porte l’adresse réelle. Le courrier passe, mais tout le monde peut voir l’adresse cachée derrière le proxy.
    .fix = Donnez au serveur de messagerie son propre nom avec un enregistrement A en { -dns-only }, faites pointer le MX vers lui et vérifiez que cette adresse n’est pas celle du serveur Web.

smtp-unreachable = Aucun serveur de messagerie n’a répondu sur { $address }, port { $port } ({ $host }) : { $reason ->
        [refused] connexion refusée
        [timeout] pas de réponse à temps
        [bad-banner] accueil inattendu « { $detail } »
       *[other] { $detail }
    }.
    .why = Cette adresse n’appartient pas à { $brand } : la partie DNS est juste, mais le serveur de messagerie lui-même, ou un pare-feu devant lui, n’accepte pas les connexions.
    .fix = Vérifiez avec votre fournisseur de messagerie ou votre hébergeur que le serveur { $address } fonctionne et que le port { $port } est ouvert sur Internet. Le port 25 sortant est aussi bloqué sur beaucoup de réseaux domestiques et de clouds : refaites le test depuis un autre réseau avant de conclure.

smtp-ok = Le serveur de messagerie { $host } ({ $address }) répond sur le port { $port } : { $banner }
    .why = Un serveur de messagerie a répondu au test de connexion : le courrier peut donc l’atteindre.
    .fix = Rien à faire.

mx-at-apex = L’enregistrement MX désigne le domaine racine { $host }.
    .why = Le domaine racine porte en général le site Web ; chez { $brand }, activer le proxy pour le site y envoie aussi le courrier, qui est alors perdu.
    .fix = Utilisez un nom dédié comme mail.{ $host }, avec son propre enregistrement A en { -dns-only }, et faites pointer l’enregistrement MX vers lui.

mail-web-shared-ip = Le serveur de messagerie { $host } et le site Web partagent l’adresse { $address }.
    .why = L’enregistrement de messagerie dévoile l’adresse réelle du serveur Web : n’importe qui peut contourner { $brand } et attaquer le site directement.
    .fix = Séparez les adresses de la messagerie et du Web, de préférence dans des plages différentes ; traitez ensuite par proxy les enregistrements Web et ne laissez en { -dns-only } que les enregistrements de messagerie.

mail-web-contiguous = Le serveur de messagerie { $host } ({ $address }) est voisin de l’adresse Web { $web }.
    .why = Des adresses d’un même bloc (/24 ou /64) permettent de deviner l’adresse réelle du serveur Web à partir de l’enregistrement de messagerie.
    .fix = Placez la messagerie ou le Web dans une plage d’adresses distincte et non contiguë.

origin-exposure = { $shared ->
        [no] Le serveur de messagerie { $host } est une machine à part : son adresse publique ne dévoile pas le site Web.
       *[other] Le site Web est protégé par { $brand }, mais l’enregistrement de { $host } révèle une adresse réelle ({ $address }).
    }
    .why = Les enregistrements de messagerie doivent rester en { -dns-only } : leur adresse est donc publique. Si cette machine sert aussi le site Web, on peut l’atteindre sans passer par { $brand }.
    .fix = { $shared ->
        [yes] La messagerie et le Web partagent une machine ou un réseau : le proxy peut donc être contourné. Installez le serveur de messagerie (ou le site) sur une machine distincte, dont l’adresse n’a aucun lien avec celle du site, puis changez l’adresse du serveur Web, puisque l’ancienne est connue.
        [no] Le serveur de messagerie est une machine à part : rien à changer.
       *[unknown] Si la messagerie et le Web tournent sur la même machine ou le même réseau, déplacez l’un des deux ; sinon, il n’y a rien à changer.
    }

zone-not-on-brand = Les serveurs de noms de { $domain } ne sont pas ceux de { $brand } ({ $nameservers }).
    .why = Les réglages de proxy ne s’appliquent que si la zone est servie par { $brand } ; avec d’autres serveurs de noms, les enregistrements affichés ici viennent d’ailleurs.
    .fix = Faites les modifications là où la zone est hébergée, ou vérifiez que { $brand } est bien le fournisseur DNS voulu.

brand-mail-service = Les enregistrements MX désignent le service de messagerie de { $brand } lui-même ({ $host }).
    .why = Ces adresses appartiennent volontairement au réseau de { $brand } : ce n’est pas une erreur de proxy.
    .fix = Rien à changer côté proxy ; gérez les règles de routage dans le tableau de bord { $brand }.

provider-detected = Votre messagerie est gérée par { $provider } ({ $host }).
    .why = C’est lui qu’il faut contacter si le courrier ne passe toujours pas.
    .fix = Si le courrier ne passe toujours pas, envoyez le rapport (touche e, ou --report) à { $provider } et consultez son aide : { $url }

all-clear = Aucun problème bloquant trouvé pour le courrier vers { $domain }.
    .why = Les enregistrements MX, les adresses des serveurs de messagerie et les réglages de proxy semblent corrects.
    .fix = Si des messages sont encore rejetés, transmettez le rapport et le message d’erreur reçu à votre fournisseur de messagerie.

fix-propagating = Les serveurs de noms de { $domain } publient déjà la modification, mais les caches gardent l’ancienne réponse pour { $names } : jusqu’à { $seconds } s, soit jusqu’à { $until }.
    .why = Un résolveur garde une réponse pendant sa durée de vie (TTL) ; une réponse « n’existe pas » est gardée pendant la durée de cache négatif de la zone. D’ici là, certains expéditeurs voient encore les anciens enregistrements : les problèmes marqués « encore en cache » peuvent persister pour eux.
    .fix = Plus rien à modifier. Demandez aux expéditeurs de renvoyer leurs messages après { $until } ; le plus souvent, leurs serveurs réessaient d’eux-mêmes.

authoritative-mismatch = Les serveurs de noms de la zone ne donnent pas la même réponse pour { $type } { $name } : { $answers }.
    .why = Tous les serveurs de noms d’une zone doivent publier les mêmes données. S’ils diffèrent, une modification n’a atteint qu’une partie d’entre eux (transfert de zone non fait, changement de fournisseur DNS inachevé), et les expéditeurs obtiennent l’une ou l’autre réponse au hasard.
    .fix = Vérifiez la zone chez son hébergeur et que chaque serveur de noms des enregistrements NS appartient bien à ce fournisseur ; retirez les autres, chez le bureau d’enregistrement et dans la zone.

authoritative-lame = Le serveur de noms { $server } n’a pas répondu pour { $domain } ({ $count ->
        [one] 1 question
       *[other] { $count } questions
    }, { $status ->
        [timeout] pas de réponse à temps
        [refused] refus (REFUSED)
        [servfail] échec (SERVFAIL)
       *[other] erreur
    }).
    .why = Un serveur de noms déclaré pour une zone qui ne répond pas pour elle (délégation « boiteuse ») ralentit chaque requête et en fait échouer certaines, selon le serveur que choisit le résolveur.
    .fix = Retirez ce serveur des enregistrements NS (chez le bureau d’enregistrement et dans la zone), ou demandez à son exploitant de servir de nouveau la zone.

authoritative-unreachable = Aucun serveur de noms de { $domain } n’a répondu directement ({ $servers }) ; le diagnostic repose sur les réponses du résolveur.
    .why = Certains réseaux ne laissent sortir le DNS que par leur propre résolveur. Sans les réponses de la zone elle-même, une modification toute récente ne se distingue pas de l’ancienne réponse encore gardée en cache.
    .fix = Si vous venez de modifier un enregistrement, relancez la vérification depuis un autre réseau, ou attendez que la durée de vie (TTL) soit écoulée.

permission-name = { $permission ->
        [zone-read] Zone › Zone › Lecture
        [dns-read] Zone › DNS › Lecture
        [token-read] Utilisateur › Jetons API › Lecture
       *[dns-edit] Zone › DNS › Modifier
    }

api-unauthorized = L’API de { $brand } a refusé le jeton (invalide ou expiré).
    .why = Sans jeton valide, mxdoctor ne peut ni lire l’état réel du proxy des enregistrements, ni le modifier.
    .fix = Créez un jeton dans le tableau de bord { $brand } (Mon profil › Jetons API) avec l’autorisation { permission-name }, limité à cette zone, et donnez-le par CLOUDFLARE_API_TOKEN ou --api-token-file.

api-forbidden = Le jeton n’a pas le droit de faire cela : il lui manque l’autorisation { permission-name }.
    .why = Un jeton n’a que les autorisations données à sa création ; cet appel demande { permission-name }.
    .fix = Modifiez le jeton dans le tableau de bord { $brand } (Mon profil › Jetons API) et ajoutez { permission-name } pour cette zone.

api-zone-not-found = Aucune zone de ce compte { $brand } ne contient { $domain }.
    .why = Un jeton ne voit que les zones de son compte : le domaine est dans un autre compte, ou son DNS n’est pas chez { $brand }.
    .fix = Utilisez un jeton du compte qui détient la zone, ou faites la modification là où le DNS est hébergé.

api-rate-limited = L’API de { $brand } demande de ralentir{ $seconds ->
        [0] .
       *[other]  : réessayez dans { $seconds } s.
    }
    .why = L’API n’accepte qu’un nombre limité d’appels par tranche de cinq minutes pour chaque compte.
    .fix = Patientez, puis relancez mxdoctor.

api-unreachable = Impossible de joindre l’API de { $brand } : { $reason }.
    .why = L’API sert à lire l’état réel du proxy des enregistrements ; les réponses DNS restent valables.
    .fix = Vérifiez le réseau (et un éventuel proxy), puis relancez mxdoctor.

api-error = L’API de { $brand } a refusé l’appel : { $reason }.
    .why = L’API a répondu par une erreur ; cet appel n’a rien modifié.
    .fix = Relancez mxdoctor ; si l’erreur persiste, envoyez le rapport au support de { $brand } avec ce message.

api-proxy-disagrees = L’API de { $brand } indique { $host } en { -proxied }, alors que le DNS donne { $address }, hors des plages de { $brand } connues de mxdoctor : c’est l’API qui fait foi.
    .why = Avec un jeton, l’API dit ce qui est réellement traité par proxy ; les plages publiées changent, et une installation de test ou privée peut utiliser d’autres adresses.
    .fix = Considérez { $host } comme traité par proxy : passez ses enregistrements en { -dns-only } (mxdoctor fix le fait).

api-not-applied = L’API de { $brand } a répondu que la modification était faite, mais ses enregistrements montrent toujours l’ancien état.
    .why = mxdoctor relit chaque modification ; « fait » n’est dit que lorsque l’API montre le nouvel état.
    .fix = Vérifiez l’enregistrement dans le tableau de bord { $brand } (rubrique DNS), puis relancez mxdoctor fix.

api-too-many-records = La zone { $brand } de { $domain } compte plus de { $count } enregistrements : mxdoctor s’arrête là plutôt que de planifier sur une partie d’entre eux.
    .why = Le plan se fait sur tous les enregistrements des noms de messagerie ; une zone aussi grande, ou une API qui se répète, le rendrait lent et incertain.
    .fix = Modifiez les enregistrements de messagerie dans le tableau de bord { $brand } (rubrique DNS) : passez chacun en { -dns-only }.

mail-client-proxied = { $host } est en { -proxied } chez { $brand } ({ $address }){ $use ->
        [autoconfig]  : les logiciels de messagerie y cherchent leurs réglages en HTTPS.
       *[mail]  : les logiciels de messagerie ne peuvent pas le joindre.
    }
    .why = { $use ->
        [autoconfig] { $brand } transporte le HTTPS ; autodiscover et autoconfig fonctionnent donc à travers le proxy, mais les réglages qu’ils donnent doivent désigner des hôtes qui ne sont pas traités par proxy.
       *[mail] { $brand } ne traite par proxy que le trafic Web. L’IMAP, le POP et l’envoi SMTP adressés à { $host } aboutissent chez { $brand } et échouent : les logiciels de messagerie ne peuvent ni lire ni envoyer de courrier, même si le courrier entrant arrive.
    }
    .fix = { $use ->
        [autoconfig] Rien à changer côté proxy ; vérifiez que les réglages servis désignent des hôtes en { -dns-only }.
       *[mail] Dans le tableau de bord { $brand }, rubrique DNS, passez les enregistrements de { $host } en { -dns-only }, ou configurez les logiciels de messagerie avec un nom d’hôte en « DNS uniquement ».
    }

spf-too-many-lookups = { $limit ->
        [void] L’enregistrement SPF de { $domain } entraîne { $count } requêtes qui ne trouvent rien (2 au plus).
        [names] Le terme { $term } de l’enregistrement SPF de { $domain } désigne { $count } serveurs de messagerie (10 au plus).
       *[lookups] L’enregistrement SPF de { $domain } demande { $count } requêtes DNS (10 au plus).
    }
    .why = Les serveurs destinataires arrêtent l’évaluation SPF après 10 requêtes DNS, ou après 2 qui reviennent vides, et la traitent comme une erreur permanente : le courrier du domaine peut être rejeté ou classé comme indésirable. Ce que coûte chaque terme : { $tree }.
    .fix = Retirez les termes include, a, mx, ptr et exists devenus inutiles, remplacez-en certains par des plages ip4: et ip6:, ou demandez aux fournisseurs inclus un enregistrement plus sobre.

spf-include-failed = L’enregistrement SPF de { $domain } inclut { $include }, { $reason ->
        [nxdomain] qui n’a aucun nom DNS
        [invalid] dont l’enregistrement SPF est mal formé (« { $term } »)
        [multiple] qui a plusieurs enregistrements SPF
        [loop] qui ramène à un enregistrement déjà en cours d’évaluation (une boucle)
       *[other] qui n’a aucun enregistrement SPF
    }.
    .why = Un include ou une redirection impossible à évaluer met toute l’évaluation en erreur permanente (RFC 7208) : les serveurs destinataires peuvent rejeter le courrier du domaine.
    .fix = Retirez include:{ $include } de l’enregistrement de { $domain }, ou corrigez le nom ou l’enregistrement vers lequel il mène.

smtp-starttls-missing = Le serveur de messagerie { $host } ({ $address }) ne propose pas STARTTLS.
    .why = Sans STARTTLS, le courrier arrive au serveur sans chiffrement ; les expéditeurs qui exigent le chiffrement, ou une politique du domaine (MTA-STS) qui le demande, ne livrent pas.
    .fix = Activez STARTTLS sur le serveur de messagerie, avec un certificat pour { $host } (votre fournisseur de messagerie ou la documentation du serveur indique comment).

smtp-tls-invalid = Le serveur de messagerie { $host } ({ $address }) propose STARTTLS, mais { $reason ->
        [name-mismatch] son certificat est établi pour d’autres noms ({ $names })
        [expired] son certificat a expiré le { $not_after }
        [not-yet-valid] son certificat n’est valable qu’à partir du { $not_before }
        [unknown-issuer] son certificat est signé par une autorité que les expéditeurs ne connaissent pas ({ $issuer })
        [no-answer] il n’a pas répondu à EHLO ou à STARTTLS comme le veut SMTP ({ $detail })
       *[handshake] la connexion chiffrée échoue ({ $detail })
    }.
    .why = La plupart des expéditeurs livrent quand même sur une connexion non vérifiée ou en clair, mais ceux qui vérifient les certificats (politique MTA-STS en mode enforce, DANE ou réglages stricts) refusent de livrer.
    .fix = Installez sur le serveur de messagerie un certificat valide pour { $host } (par exemple de Let’s Encrypt), avec les certificats intermédiaires, et renouvelez-le avant son expiration.

smtp-tls-ok = Le serveur de messagerie { $host } ({ $address }) propose STARTTLS ({ $version }) avec un certificat valide pour son nom.
    .why = Les expéditeurs peuvent chiffrer le courrier en route, et ceux qui vérifient les certificats livrent.
    .fix = Rien à changer ; renouvelez le certificat avant son expiration.

mta-sts-invalid = La politique MTA-STS de { $domain } { $reason ->
        [txt] est annoncée par un enregistrement _mta-sts mal formé ({ $detail })
        [http] ne peut pas être récupérée : le serveur Web répond { $detail }
        [certificate] ne peut pas être récupérée : le certificat du serveur Web n’est pas valide ({ $detail })
        [not-text] ne peut pas être récupérée : la réponse n’est pas du text/plain ({ $detail })
        [too-large] ne peut pas être récupérée : elle dépasse { $detail }
        [policy] est mal formée ({ $detail })
       *[unreachable] ne peut pas être récupérée : { $detail }
    }.
    .why = Les expéditeurs qui appliquent MTA-STS lisent cette politique pour savoir à quels serveurs de messagerie se fier. S’ils ne peuvent ni la lire ni la comprendre, ils restent sans protection, ou, avec une politique en mode enforce gardée en mémoire, refusent de livrer.
    .fix = Publiez la politique à https://mta-sts.{ $domain }/.well-known/mta-sts.txt en text/plain avec un certificat valide (l’hôte web mta-sts peut rester traité par proxy par { $brand } : le HTTPS passe), avec les lignes version, mode, mx et max_age, et changez l’id de l’enregistrement _mta-sts à chaque modification de la politique.

mta-sts-mx-mismatch = La politique MTA-STS de { $domain } ({ $mode }) n’autorise pas le serveur de messagerie { $host } : elle indique { $patterns }.
    .why = { $mode ->
        [enforce] Les expéditeurs qui appliquent MTA-STS refusent de livrer à un serveur de messagerie que la politique ne cite pas : le courrier envoyé à { $host } n’arrive pas de leur part.
       *[testing] En mode testing, les expéditeurs livrent encore, mais signalent un échec à chaque fois ; en mode enforce, ils refuseraient.
    }
    .fix = Ajoutez « mx: { $host } » (ou un motif *. qui lui correspond) à la politique, changez l’id de l’enregistrement _mta-sts, ou faites de nouveau pointer le MX vers un hôte que la politique cite.

tls-rpt-missing = { $domain } utilise MTA-STS mais ne demande aucun rapport TLS.
    .why = Avec un enregistrement TXT _smtp._tls (v=TLSRPTv1; rua=…), les expéditeurs signalent les livraisons échouées à cause de la politique ou du TLS : le premier signe d’un problème de certificat ou de MX.
    .fix = Ajoutez un enregistrement TXT en _smtp._tls.{ $domain } : « v=TLSRPTv1; rua=mailto:tls-reports@{ $domain } ».

spf-authorises-proxy = L’enregistrement SPF de { $domain } autorise « { $term } », et { $host } est derrière le proxy : ce terme autorise les adresses de { $brand } ({ $addresses }), pas le serveur qui envoie votre courrier.
    .why = Depuis le changement, { $host } répond avec les adresses de { $brand }, qui n’envoient jamais de courrier. Le courrier envoyé par votre propre serveur échoue désormais à SPF et peut être rejeté ou classé comme indésirable.
    .fix = Dans l’enregistrement SPF de { $domain }, remplacez « { $term } » par des termes ip4: (ou ip6:) donnant l’adresse de votre serveur d’envoi, par exemple ip4:ADRESSE. Ces termes publient l’adresse du serveur, que le proxy masquait : séparez le serveur de messagerie du serveur Web (voir origin-exposure).

spf-sender-pass = SPF réussit pour { $ip } qui envoie pour { $domain }{ $decided ->
        [term] , autorisé par « { $mechanism } »
       *[none] {""}
    }.
    .why = Les destinataires vérifient que le serveur qui envoie figure dans l’enregistrement SPF du domaine : c’est le cas de celui-ci.
    .fix = Rien à changer.

spf-sender-fail = SPF donne « { $result } » pour { $ip } qui envoie pour { $domain }{ $decided ->
        [term] , décidé par « { $mechanism } »
       *[none] : aucun terme de l’enregistrement ne le désigne
    }.
    .why = { $result ->
        [permerror] Les destinataires ne peuvent pas évaluer l’enregistrement (voir les autres constats SPF) et traitent le courrier comme non authentifié.
        [none] Le domaine n’a pas d’enregistrement SPF : les destinataires ne peuvent pas distinguer ses serveurs de ceux des autres.
       *[other] Les destinataires vérifient que le serveur qui envoie figure dans l’enregistrement SPF du domaine : ce n’est pas le cas de celui-ci, et son courrier peut être rejeté ou classé comme indésirable.
    }
    .fix = Ajoutez ce serveur à l’enregistrement SPF de { $domain } : ip4:{ $ip } (ou ip6:), ou l’include: que donne son fournisseur. S’il s’agit du serveur Web derrière le proxy, voir spf-authorises-proxy.

brand-mail-service-mixed = Les enregistrements MX de { $domain } mêlent le routage de messagerie de { $brand } ({ $service }) à d’autres serveurs de messagerie ({ $others }).
    .why = Le routage de messagerie de { $brand } exige d’être seul dans les enregistrements MX. À côté d’autres serveurs, les expéditeurs choisissent entre les deux systèmes selon la priorité ou au hasard, et une partie du courrier part là où personne ne le lit.
    .fix = Dans le tableau de bord { $brand } (section DNS), gardez soit les enregistrements MX du routage de { $brand }, soit ceux de vos autres serveurs de messagerie, pas les deux.

dnssec-ok = DNSSEC : la chaîne de confiance est valide de la racine jusqu’à { $zone } pour les enregistrements de messagerie utilisés.
    .why = Les résolveurs qui valident, dont ceux des grands fournisseurs de messagerie, tiennent ces réponses pour authentiques.
    .fix = Rien à changer. Après un changement d’hébergeur DNS, gardez chez le bureau d’enregistrement un enregistrement DS qui correspond à la clé du nouveau fournisseur.

dnssec-bogus = DNSSEC est cassé pour { $zone } : { $reason ->
        [ds-mismatch] le DS publié au registre ne correspond à aucune de ses clés
        [dnskey-missing] le registre publie un DS mais la zone ne sert aucune clé DNSKEY
        [signature-expired] ses signatures ont expiré
        [signature-not-yet-valid] ses signatures ne sont pas encore valides
        [signature-missing] ses réponses ne portent aucune signature
        [signature-invalid] une signature ne se vérifie pas
       *[algorithm-unsupported] elle n’est signée qu’avec un algorithme impossible à vérifier
    }.
    .why = Les résolveurs qui valident (Google, Quad9, { $brand }, grands fournisseurs de messagerie) répondent SERVFAIL pour { $own ->
        [yes] tout le domaine
       *[no] le serveur de messagerie de { $zone }
    } : le courrier est différé, puis retourné.
    .fix = { $reason ->
        [ds-mismatch] Au bureau d’enregistrement, remplacez ce DS (celui de l’ancien hébergeur) par celui de la page DNSSEC de { $brand }, ou supprimez-le.
        [dnskey-missing] Chez le bureau d’enregistrement, supprimez le DS de { $zone }, ou activez DNSSEC chez l’hébergeur DNS (chez { $brand }, la page DNSSEC) et publiez le DS qu’il indique.
       *[other] Demandez à l’hébergeur DNS de { $zone } de signer à nouveau la zone (chez { $brand }, désactivez puis réactivez DNSSEC depuis la page DNSSEC) ; en attendant, supprimer le DS chez le bureau d’enregistrement rétablit le courrier.
    }

dnssec-ds-missing = La zone { $zone } est signée, mais sa zone parente ne publie aucun enregistrement DS pour elle.
    .why = Sans enregistrement DS au registre, aucun résolveur ne valide la zone : elle fonctionne comme si elle n’était pas signée. DNSSEC a été activé chez l’hébergeur DNS sans être finalisé chez le bureau d’enregistrement.
    .fix = Recopiez l’enregistrement DS du tableau de bord { $brand } (page DNSSEC) chez le bureau d’enregistrement de { $zone }, ou désactivez DNSSEC chez { $brand } s’il n’est pas voulu.

dane-ok = DANE : un enregistrement TLSA de { $host } correspond au certificat qu’il présente ({ $record }).
    .why = Les expéditeurs qui valident DANE (Postfix avec dane, grands fournisseurs) lui livrent le courrier en TLS authentifié.
    .fix = Rien à changer. Avant de changer de certificat ou de clé, publiez le nouvel enregistrement TLSA à côté de l’ancien.

dane-tlsa-mismatch = DANE : aucun enregistrement TLSA de { $host } ne correspond au certificat présenté à l’adresse { $address }.
    .why = Les enregistrements TLSA ({ $records }) sont signés : les expéditeurs qui valident DANE (Postfix avec dane, grands fournisseurs) refusent de livrer à ce serveur. Le courrier attend dans leurs files, puis est retourné.
    .fix = Publiez en _25._tcp.{ $host } un enregistrement TLSA pour le certificat utilisé (par exemple 3 1 1 et le SHA-256 de sa clé publique), ou réinstallez le certificat que désignent les enregistrements.

dane-unsigned = DANE : { $host } a des enregistrements TLSA ({ $records }), mais leur zone n’est pas signée avec DNSSEC.
    .why = Les expéditeurs n’utilisent que les enregistrements TLSA garantis par DNSSEC : ceux-ci sont ignorés, et le courrier vers ce serveur n’a pas la protection de DANE.
    .fix = Signez la zone et publiez son DS chez le bureau d’enregistrement (chez { $brand }, la page DNSSEC), ou supprimez les enregistrements TLSA.
