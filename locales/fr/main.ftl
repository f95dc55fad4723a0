# Les mots du programme lui-même : libellés, erreurs, aide.

severity-error = erreur
severity-warning = avertissement
severity-info = remarque
severity-ok = OK

step-records = Manque-t-il des enregistrements DNS ?
step-proxy = Ne traitez pas par proxy les enregistrements DNS de messagerie
step-practices = Bonnes pratiques pour les enregistrements MX
step-provider = Contactez votre fournisseur de messagerie

step-state-ok = vérifié, rien à corriger
step-state-warning = à améliorer
step-state-error = problème à corriger
step-state-not-checked = non vérifié
step-state-identified = fournisseur identifié
step-state-not-identified = fournisseur non identifié
step-unanswered = Non vérifié : la requête { $type } sur { $name } { $status ->
        [timeout] n’a pas reçu de réponse à temps
        [unreachable] n’a pas pu joindre le serveur depuis cette machine
        [servfail] a échoué sur le serveur (SERVFAIL)
        [refused] a été refusée par le serveur (REFUSED)
        [loop] est tombée dans une boucle de CNAME
        [referral] a été renvoyée à une zone inférieure, qui n’a pas répondu
        [error] a échoué
       *[none] n’a pas pu être faite
    }.
summary-incomplete = Vérification incomplète : { $count ->
        [one] 1 étape non vérifiée
       *[other] { $count } étapes non vérifiées
    } (des requêtes DNS ont échoué).
summary-not-checked = { $count ->
        [one] 1 étape n’a pas pu être vérifiée : une requête dont elle a besoin a échoué.
       *[other] { $count } étapes n’ont pas pu être vérifiées : des requêtes dont elles ont besoin ont échoué.
    }
not-checked = certaines étapes de { $domain } n’ont pas pu être vérifiées : une requête dont elles ont besoin a échoué.

list-and = { $head } et { $last }
progress-domains = domaines
progress-rate = domaine/s
progress-questions = questions
progress-errors = { $count ->
        [one] 1 en erreur
       *[other] { $count } en erreur
    }
batch-summary = { $domains ->
        [one] 1 domaine vérifié
       *[other] { $domains } domaines vérifiés
    } : { $errors } en erreur, { $warnings } avec des avertissements seulement, { $unchecked ->
        [one] { $unchecked } vérifié en partie
       *[other] { $unchecked } vérifiés en partie
    }. Constats par code :
batch-questions = { $count ->
        [one] { $count } question DNS posée.
       *[other] { $count } questions DNS posées.
    }
batch-bad-lines = { $count ->
        [one] 1 ligne de l’entrée n’était pas un domaine et a été ignorée.
       *[other] { $count } lignes de l’entrée n’étaient pas des domaines et ont été ignorées.
    }
list-empty = la liste ne contient aucun domaine à vérifier.
list-truncated = la liste est trop longue : seuls ses { $count } premiers domaines sont vérifiés.
wiz-list = Domaines
wiz-list-title = { $done } sur { $count } vérifiés
wiz-list-title-sorted = { $done } sur { $count } vérifiés · les plus graves d’abord
col-domain = Domaine
col-state = État
key-choose = choisir
key-open = ouvrir
key-sort = trier
label-why = Pourquoi :
label-fix = Que faire :
label-domain = Domaine
label-brand = CDN
label-resolvers = Résolveurs
label-started = Début
label-elapsed = Durée
label-version = Version
label-language = Langue
label-same-machine = Serveur de messagerie sur la machine ou le réseau du site Web
answer-yes-no = { $answer ->
        [yes] oui
       *[no] non
    }
label-lookups = Requêtes DNS
label-probes = Tests de connexion (port { $port })
label-not-probed = La connexion au port 25 n’a pas été testée (--no-smtp).

col-name = Nom
col-type = Type
col-status = État
col-answers = Réponses
col-ttl = TTL
col-ms = ms
col-server = Serveur
col-host = Hôte
col-address = Adresse
col-port = Port
col-result = Résultat

summary = { $errors ->
        [0] Aucune erreur
        [one] 1 erreur
       *[other] { $errors } erreurs
    }, { $warnings ->
        [0] aucun avertissement
        [one] 1 avertissement
       *[other] { $warnings } avertissements
    }.

report-title = Rapport de distribution du courrier pour { $domain }
report-summary = Bilan
report-findings = Constats
report-for-support = Pour votre fournisseur de messagerie ou le support de { $brand }
report-for-support-text = Ce rapport liste chaque requête DNS et chaque test de connexion au port 25 effectués pour { $domain }, avec le serveur interrogé, la réponse et son temps de réponse. Joignez-le tel quel à votre demande.
report-article = La marche à suivre, pas à pas : { $url }
report-incomplete = Incomplet : l’exécution a été interrompue après { $count } domaines ; ceux ci-dessus sont complets.
report-written = Rapport écrit dans { $path }.

error-prefix = mxdoctor : { $message }
error-hint = Essayez « mxdoctor{ $command } --help ».

input-empty = aucun domaine indiqué.
input-control = le domaine contient des caractères de contrôle.
input-blank = « { $input } » contient un espace ; un nom de domaine n’en contient jamais.
input-ip = « { $input } » est une adresse IP ; indiquez plutôt le nom de domaine.
input-wildcard = « { $input } » contient un caractère générique (*) ; indiquez un domaine précis.
input-too-long = « { $input } » est trop long ({ $len } caractères ; 253 au plus).
input-label-too-long = dans « { $input } », la partie « { $label } » est trop longue ({ $len } caractères ; 63 au plus).
input-empty-label = « { $input } » contient une partie vide entre deux points.
input-single-label = « { $input } » n’est pas un nom de domaine complet (comme exemple.fr).
input-invalid = « { $input } » n’est pas un nom de domaine valide.

cli-unknown-argument = option ou argument inconnu « { $arg } ».
cli-missing-domain = argument manquant : le domaine à vérifier ({ $arg }).
cli-missing = argument manquant : { $arg }
cli-invalid-value = valeur « { $value } » incorrecte pour { $arg }.
cli-conflict = { $arg } et { $other } s’excluent : gardez l’un des deux.
cli-usage = la ligne de commande n’est pas comprise ({ $detail }).

opt-bad-resolver = « { $value } » n’est pas l’adresse d’un résolveur (IP ou IP:PORT).
opt-bad-timeout = « { $value } » n’est pas un délai : indiquez un nombre de secondes entre 0,1 et 60.
token-file-open = le fichier de jeton { $path } peut être lu par d’autres utilisateurs de cette machine : réservez-le à vous seul (chmod 600 { $path }).
token-file-not-regular = le fichier de jeton { $path } n’est pas un petit fichier ordinaire.
token-file-read = impossible de lire le fichier de jeton { $path } : { $reason }.
token-file-empty = le fichier de jeton { $path } est vide.
opt-bad-api-base = MXDOCTOR_CLOUDFLARE_API doit être une adresse https:// (http:// seulement vers cette machine), pas « { $value } ».
ca-file-read = impossible de lire le fichier d’autorités { $path } : { $reason }.
cert-env-bad = { $var } désigne { $path }, qui n’est pas un fichier ordinaire de 16 Mio au plus (ou un dossier de tels fichiers) : supprimez cette variable, ou faites-la pointer vers un fichier de certificats.
ca-file-bad = le fichier d’autorités { $path } ne contient aucun certificat PEM.
opt-bad-port = « { $value } » n’est pas un numéro de port (de 1 à 65535).
opt-bad-brand = CDN inconnu « { $value } » ; valeurs possibles : { $known }.
opt-bad-lang = langue inconnue « { $value } » ; valeurs possibles : en, fr.
opt-bad-format = format inconnu « { $value } » ; valeurs possibles : text, json, markdown, csv, csv-domains, summary.
opt-bad-jobs = « { $value } » n’est pas un nombre de domaines à la fois (de 1 à 1024).
opt-bad-qps = « { $value } » n’est pas un nombre de requêtes par seconde (1 ou plus).
from-not-regular = { $path } n’est pas un fichier ordinaire ; pour lire un tube, donnez - et envoyez-le sur l’entrée standard.
io-reason = { $kind ->
        [not-found] fichier introuvable
        [denied] permission refusée
        [directory] c’est un dossier
        [not-directory] un élément du chemin n’est pas un dossier
        [full] le disque est plein
        [read-only] le système de fichiers est en lecture seule
       *[other] erreur du système ({ $detail })
    }
from-read = impossible de lire { $path } : { $reason }.
input-unreadable = l’entrée n’a pas pu être lue : { $reason }.
input-line-too-long = la ligne dépasse 4096 octets.
input-not-text = la ligne n’est pas du texte (UTF-8).
input-bad-line = { $source }, ligne { $line } : { $message }
input-origin-argument = la ligne de commande
input-origin-stdin = l’entrée standard

brand-not-regular = le fichier de profil du CDN { $path } n’est pas un fichier ordinaire.
brand-too-large = le fichier de profil du CDN { $path } dépasse 1 Mio.
report-not-regular = { $path } n’est pas un fichier ordinaire ; le rapport s’écrit seulement dans un nouveau fichier ou à la place d’un fichier ordinaire.
output-failed = impossible d’écrire la sortie ({ $reason }).
cli-invalid-utf8 = la valeur de { $arg } n’est pas un texte valide (UTF-8).
brand-read = impossible de lire le fichier de profil du CDN { $path } : { $reason }.
brand-malformed = le fichier de profil du CDN { $path } est mal formé : { $reason }

report-exists = { $path } existe déjà ; ajoutez --force pour le remplacer.
report-failed = impossible d’écrire le rapport { $path } : { $reason }.

no-resolver = aucun résolveur DNS à interroger ({ $reason }) ; utilisez --resolver.
nothing-answered = aucun serveur DNS n’a répondu pour { $domain } ({ $cause ->
        [unreachable] le serveur est injoignable depuis cette machine : vérifiez sa connexion et l’adresse du résolveur
        [timeout] le serveur ne répond pas
       *[other] toutes les requêtes ont échoué
    }) : le diagnostic n’a pas pu aller au bout.

demo-title = Démonstration : { $count ->
        [one] un domaine d’exemple, servi
       *[other] { $count } domaines d’exemple, servis
    } depuis cette machine.
demo-unknown = scénario de démonstration inconnu « { $value } » ; scénarios possibles : { $known }.
demo-failed = la démonstration n’a pas pu démarrer ({ $reason }).
demo-healthy = Un domaine configuré comme le recommande l’article.
demo-missing = Aucun enregistrement MX, et le domaine racine est traité par proxy.
demo-proxied = L’enregistrement A du serveur de messagerie est traité par proxy (nuage orange).
demo-apex = Le MX désigne le domaine racine, traité par proxy.
demo-shared = La messagerie et le Web partagent une même adresse non traitée par proxy.
demo-cname = La cible du MX est un alias.
demo-synthesized = Le CDN a réécrit une cible MX traitée par proxy.

help-about = Trouve pourquoi un domaine dont le DNS passe par un CDN (Cloudflare…) ne reçoit pas son courrier, et indique le réglage à changer.
help-usage = Utilisation :
help-arguments = Arguments{"\u00A0"}
help-options = Options{"\u00A0"}
help-commands = Commandes{"\u00A0"}
help-cmd-check = Diagnostiquer un ou plusieurs domaines sans assistant (scripts, tickets)
help-cmd-demo = Lancer l’assistant sur des domaines d’exemple simulés sur cette machine
help-domain = Le domaine (une adresse e-mail ou une adresse Web convient aussi)
help-domains = Les domaines à vérifier ; - les lit sur l’entrée standard, un par ligne
help-scenario = Un domaine de démonstration : healthy, missing, proxied, apex, shared, cname, synthesized
help-resolver = Serveur DNS à interroger (répétable : le suivant est interrogé en cas de délai dépassé) [par défaut : celui du système]
help-brand = Le CDN : cloudflare ou khulnasoft [par défaut : cloudflare]
help-brand-file = Charger le profil du CDN depuis ce fichier TOML
help-lang = Langue : en ou fr [par défaut : d’après LC_ALL, LC_MESSAGES, LANG]
help-timeout = Délai d’attente de chaque réponse DNS et de chaque accueil SMTP, en secondes [par défaut : 3]
help-smtp-port = Port utilisé pour tester la connexion aux serveurs de messagerie [par défaut : 25]
help-no-smtp = Ne pas tester la connexion aux serveurs de messagerie (port 25)
help-ns-port = Port sur lequel interroger les serveurs de noms de la zone [par défaut : 53]
help-no-authoritative = N’interroger que le résolveur, pas les serveurs de noms de la zone
help-api-token-file = Lire le jeton d’API du CDN dans ce fichier (sinon CLOUDFLARE_API_TOKEN)
help-cmd-fix = Retirer le proxy des enregistrements de messagerie par l’API du CDN, après votre confirmation
help-fix-domain = Le domaine à corriger
help-dry-run = Montrer les modifications sans les faire
help-yes = Faire les modifications sans demander (pour les scripts)
help-interval = Secondes entre deux vérifications pendant le suivi [par défaut : 10]
help-watch = Revérifier à chaque --interval jusqu’à ce que la correction soit publiée à la source et dans les caches ; une ligne par changement
help-compare-resolvers = Comparer aussi avec le cache d’autres résolveurs : seul, ceux publics de Cloudflare, Google et Quad9 ; ou =IP,IP
help-ca-file = Faire aussi confiance à ce fichier de certificats d’autorité (PEM) pour STARTTLS ; répétable
help-no-tui = Afficher le rapport simple au lieu d’ouvrir l’assistant (de même si TERM=dumb)
help-cmd-completions = Afficher un script de complétion pour bash, zsh, fish, elvish ou powershell
help-shell = Le shell : bash, zsh, fish, elvish ou powershell
help-cmd-manpage = Afficher la page de manuel (troff), dans la langue choisie
help-config = Lire les réglages par défaut dans ce fichier au lieu de $XDG_CONFIG_HOME/mxdoctor/config.toml
help-cmd-config = Où se trouve le fichier de configuration ; --print-template en affiche un modèle
help-print-template = Afficher un fichier de configuration commenté
help-report = Écrire le rapport Markdown dans ce fichier
help-force = Remplacer le fichier du rapport s’il existe
help-format = Sortie : text, json, markdown, csv (une ligne par constat) ou summary (une ligne par domaine) [par défaut : text]
help-from = Vérifier aussi les domaines de ce fichier, un par ligne (répétable)
help-jobs = Domaines vérifiés à la fois [par défaut : 20, ou 8 avec le résolveur du système]
help-qps = Au plus ce nombre de requêtes DNS par seconde, régulièrement espacées
help-ordered = Écrire les résultats dans l’ordre de l’entrée, pas à mesure qu’ils arrivent
help-quiet = Ni barre de progression ni bilan
help-json = Comme --format json
help-details = Lister aussi chaque requête DNS et chaque test du port 25 (sortie texte)
help-help = Afficher l’aide
help-version = Afficher la version

# L’assistant.
wiz-language-name = Français
wiz-too-small = Le terminal est trop petit ({ $width }×{ $height }) : agrandissez-le à au moins 60×20 (q pour quitter).
wiz-terminal-failed = le terminal n’a pas pu être utilisé ({ $reason }).
wiz-step-domain = Domaine
wiz-step-summary = Bilan
wiz-short-records = DNS
wiz-short-proxy = Proxy
wiz-short-practices = Pratiques
wiz-short-provider = Fournisseur
wiz-state-waiting = pas encore vérifié
wiz-state-running = vérification…
wiz-domain-title = Quel domaine ne reçoit pas son courrier ?
wiz-domain-hint = Saisissez le domaine, ou une adresse e-mail ou Web qui l’utilise, puis appuyez sur Entrée.
wiz-domain-label = Domaine
wiz-brand-label = CDN :
wiz-lang-label = Langue :
wiz-demo-hint = Domaines de démonstration (tapez « proxied » pour proxied.example) : { $list }
wiz-lookups = Requêtes DNS
wiz-chain = Chemin du courrier
wiz-findings = Constats
wiz-chain-null = n’accepte aucun courrier
wiz-chain-implicit = (aucun MX)
wiz-chain-invalid = nom d’hôte invalide
wiz-chain-port = port { $port }
wiz-chain-failed = requête en échec
wiz-chain-no-address = aucune adresse
wiz-chain-brand-service = service de messagerie de { $brand }
wiz-chain-proxied = traité par proxy
wiz-chain-dns-only = DNS uniquement
wiz-waiting = En attente des réponses…
wiz-question-title = Une question que le DNS ne peut pas trancher
wiz-question = Le serveur de messagerie tourne-t-il sur la même machine ou le même réseau que le site Web ?
wiz-answer-yes = oui
wiz-answer-no = non
wiz-answer-unknown = je ne sais pas
wiz-provider-title = Qui contacter
wiz-provider-unknown = Fournisseur de messagerie non identifié : contactez la personne ou la société qui gère votre messagerie.
wiz-provider-send = Envoyez-lui le rapport (touche e) : il contient chaque requête DNS, sa réponse et son temps de réponse.
wiz-exported = Rapport enregistré dans { $path } ; copie envoyée au presse-papiers (si votre terminal l’accepte).
wiz-export-wait = Le rapport pourra être enregistré une fois les vérifications terminées.
wiz-watch-fixed = Corrigé : plus aucune erreur ici.
wiz-watching = Suivi en cours : nouvelle vérification dans { $secs } s (w pour arrêter).
wiz-watch-checking = Suivi en cours : vérification…
wiz-summary-title = Bilan pour { $domain }
wiz-summary-next = Après une modification chez { $brand } : r pour revérifier.
wiz-details-title = Détail des requêtes DNS et des tests de connexion
wiz-help-title = Touches

key-check = vérifier
key-field = champ suivant
key-quit = quitter
key-result = résultat
key-change = changer
key-help = aide
key-move = étapes
key-answer = répondre
key-recheck = revérifier
key-watch = suivre
key-lang = English
key-details = détail
key-export = rapport

help-key-next = étape suivante
help-key-back = étape précédente
help-key-tab = passer d’un élément de l’écran à l’autre
help-key-scroll = faire défiler les constats, le bilan, l’aide ou le détail
help-key-recheck = revérifier maintenant, en reposant chaque question
help-key-watch = suivre la correction : revérifier toutes les 5 s jusqu’à ce que les serveurs de noms publient la modification, puis décompter le cache (w pour arrêter)
help-key-lang = passer du français à l’anglais et inversement
help-key-details = afficher ou masquer le détail des requêtes DNS et des tests du port 25
help-key-export = enregistrer le rapport (Markdown) et l’envoyer au presse-papiers
help-key-answer = répondre à la question (étape 3, quand elle est posée)
help-key-help = afficher ou masquer cette aide
help-key-quit = quitter
help-key-result = revenir au résultat du dernier domaine vérifié
help-key-choose = liste de domaines : en choisir un
help-key-open = liste : ouvrir le domaine choisi (Échap : retour à la liste)
help-key-sort = liste : trier les plus graves d’abord, ou revenir à l’ordre du fichier
cached-finding = Encore en cache : { $line }
api-confirmed = Confirmé par l’API : { $records } (traité par proxy).
api-dns-only = L’API indique { $records } en « DNS uniquement » : l’adresse peut appartenir à un autre compte du CDN, ou être une ancienne réponse.
api-unlisted = La liste des enregistrements de l’API ne montre pas cet hôte : le CDN fabrique ces réponses au moment où on l’interroge.
opt-bad-interval = « { $value } » n’est pas un nombre de secondes entre 0,1 et 3600.
api-client = impossible de préparer la connexion à l’API du CDN : { $reason }.
fix-no-token = la correction demande un jeton d’API { $brand } : définissez CLOUDFLARE_API_TOKEN ou utilisez --api-token-file (voir mxdoctor fix --help).
fix-api-failed = { $reason } { $fix }
fix-needs-yes = l’entrée standard n’est pas un terminal, personne ne peut confirmer : rien n’a été modifié. Ajoutez --yes pour appliquer sans demander, ou --dry-run pour voir le plan.
fix-not-yet = les serveurs de noms ne publient toujours pas la modification après { $seconds } s ; relancez mxdoctor check plus tard.
fix-plan-title = Modifications à faire chez { $brand } pour { $domain } :
fix-nothing = Rien à modifier chez { $brand } pour { $domain } : aucun enregistrement de messagerie n’est traité par proxy.
fix-change-unproxy = { $name } { $type } { $content } : Traité par proxy → DNS uniquement
fix-change-create = { $name } { $type } { $content } : nouvel enregistrement, DNS uniquement
fix-change-retarget-mx = { $name } MX { $from } → { $to }
fix-change-create-mx = { $name } MX 10 { $to } : nouvel enregistrement
fix-locked = { $name } { $type } est toujours traité par proxy, et { $brand } le verrouille ({ $service ->
        [none] un autre service le gère
       *[other] géré par { $service }
    }) : mxdoctor ne peut pas le modifier. Désactivez le proxy là où ce service est configuré, ou demandez au support de { $brand } de le passer en « DNS uniquement ».
fix-only-locked = Le courrier de { $domain } passe toujours par le proxy de { $brand }, et chaque enregistrement à modifier est verrouillé :
fix-warn-public = Une fois l’enregistrement en « DNS uniquement », l’adresse du serveur de messagerie devient publique : tout le monde peut la voir.
fix-warn-shared = Le site Web utilise la même adresse d’origine ({ $addresses }) : elle devient publique elle aussi, et les visiteurs pourraient contourner le proxy. La vraie solution est une adresse distincte pour la messagerie.
fix-confirm = Appliquer { $count ->
        [one] cette modification
       *[other] ces { $count } modifications
    } ? [o/N]{" "}
fix-yes-words = o, oui, y, yes
fix-proxied-unlisted = Le courrier de { $domain } passe toujours par le proxy de { $brand }, mais l’API ne liste aucun enregistrement de ses noms de messagerie à modifier : modifiez-les dans le tableau de bord { $brand } (rubrique DNS), puis lancez mxdoctor check.
fix-waiting-write = une modification est en cours d’écriture chez le CDN : attente de sa réponse, pour dire exactement ce qui a été fait.
fix-status = { $line }
fix-declined = Rien n’a été modifié.
fix-dry-run = Simulation : rien n’a été modifié.
fix-applied = ✓ { $change } (fait à { $time })
fix-failed = ✗ { $change } : { $reason }
fix-undo = Pour annuler : { $call }
fix-watching = En attente de la modification sur les serveurs de noms…
fix-at-source = Corrigé chez { $brand } à { $time }.
fix-caches = Les caches peuvent garder l’ancienne réponse jusqu’à { $until } ({ $seconds } s au plus) : demandez aux expéditeurs de renvoyer leurs messages après { $until }.
fix-caches-clear = Le résolveur donne déjà la nouvelle réponse : le courrier envoyé maintenant parvient au serveur de messagerie.
fix-report-title = Modifications faites chez le CDN
fix-report-done = fait
status-unknown = On ne sait pas encore si la correction est en place : { $count ->
        [one] 1 requête
       *[other] { $count } requêtes
    } sans réponse, dont { $type } { $name } ({ $status ->
        [unreachable] injoignable
        [timeout] pas de réponse à temps
        [servfail] SERVFAIL
        [refused] REFUSED
        [loop] boucle de CNAME
        [referral] renvoyée à une zone inférieure
        [error] échec
       *[none] non posée
    }). « Corrigé » ne se dit que sur des réponses reçues.
status-unknown-api = On ne sait pas encore si la correction est en place : l’API { $brand }, qui dit ce qui est traité par proxy, n’a pas répondu.
wiz-watch-unknown = { $line } Nouvelle vérification en cours.
watch-one-domain = --watch suit un seul domaine à la fois.
watch-caches-done = Le résolveur donne la nouvelle réponse depuis { $time } : les expéditeurs joignent maintenant le serveur de messagerie.
key-fix = corriger
key-apply = appliquer
key-cancel = annuler
help-key-fix = corriger chez le CDN : montre chaque modification, ne l’applique qu’après la touche o, puis suit la propagation
wiz-fix-title = Corriger chez { $brand }
wiz-fix-no-token = Pour corriger d’ici, il faut un jeton d’API { $brand } (Mon profil › Jetons API, droit « Zone › DNS › Modifier »). Relancez mxdoctor avec { $var } ou --api-token-file. En attendant, suivez « Que faire » dans le tableau de bord.
wiz-fix-api-failed = f ne peut pas corriger d’ici : { $reason }
wiz-fix-nothing = Rien ici ne peut être modifié pour vous chez { $brand } : la correction est dans les conseils des étapes.
wiz-fix-confirm = Appuyez sur o pour appliquer, sur n ou Échap pour annuler. Rien n’est modifié avant.
wiz-fix-planning = Lecture des enregistrements chez le CDN et préparation du plan…
wiz-fix-quit-wait = Sortie dès que le CDN aura répondu à la modification en cours…
wiz-fix-applying = Modifications en cours…
wiz-fixed-caches = Corrigé chez { $brand } à { $time }. Les résolveurs peuvent garder l’ancienne réponse encore { $left } s (TTL { $ttl } s) : demandez aux expéditeurs de renvoyer leurs messages après { $until }.
wiz-fixed-everywhere = Corrigé chez { $brand } à { $time } ; le résolveur donne déjà la nouvelle réponse : le courrier peut de nouveau arriver.
fix-report-token = Faites avec le jeton d’API { $token }.
label-cdn-records = Enregistrements chez { $brand } (zone { $zone }), selon son API
col-content = Contenu
col-proxy = État du proxy
cdn-proxied = traité par proxy
cdn-dns-only = DNS uniquement
cdn-locked = verrouillé
wiz-chain-tls = STARTTLS
wiz-chain-dane = DANE
wiz-chain-cert = certificat
config-read = impossible de lire le fichier de configuration { $path } : { $reason }.
config-not-regular = le fichier de configuration { $path } n’est pas un petit fichier ordinaire.
config-bad = le fichier de configuration { $path } n’est pas valide : { $reason }
config-where = Le fichier de configuration est lu dans { $path } ({ $state ->
        [present] présent
       *[absent] absent pour l’instant
    } ; ou --config CHEMIN). mxdoctor config --print-template en affiche un modèle.
config-template =
    # Fichier de configuration de mxdoctor : les valeurs par défaut des options longues, sous leur nom.
    # La ligne de commande l’emporte sur l’environnement, qui l’emporte sur ce fichier.
    # Retirez le « # » d’une ligne pour l’utiliser.

    # lang = "fr"                         # en ou fr
    # brand = "cloudflare"                # cloudflare ou khulnasoft
    # brand_file = "/chemin/vers/brand.toml"
    # resolver = ["192.0.2.53", "[2001:db8::53]:53"]
    # timeout = 3                         # secondes, de 0,1 à 60
    # smtp_port = 25
    # jobs = 20                           # domaines à la fois, de 1 à 1024
    # api_token_file = "/chemin/vers/jeton"   # le jeton d’API du CDN, jamais le jeton lui-même
    # sender_ip = ["198.51.100.7"]       # serveurs qui envoient le courrier du domaine : leur résultat SPF
    # helo = "mail.exemple.fr"            # le nom qu’ils annoncent en HELO
    # color = "auto"                      # auto, always ou never
    # theme = "light"                     # les couleurs de l’assistant : dark ou light
    # mouse = false                       # laisser la souris au terminal

wiz-more = ▼ { $count } de plus
keyname-enter = Entrée
keyname-esc = Échap
keyname-pgup = Pg préc.
keyname-pgdn = Pg suiv.
keyname-home = Début
keyname-end = Fin
keys-answer = o/n/s
keys-apply = o
key-scroll = défiler
lookup-status = { $status ->
        [ok] OK
        [nxdomain] domaine inexistant
        [nodata] aucun enregistrement
        [servfail] échec du serveur (SERVFAIL)
        [refused] refusé (REFUSED)
        [unreachable] injoignable
        [timeout] délai dépassé
        [loop] boucle de CNAME
        [referral] renvoyée à une zone inférieure
       *[error] erreur
    }
probe-status = { $status ->
        [banner] accueil reçu
        [refused] connexion refusée
        [timeout] délai dépassé
        [bad-banner] accueil invalide
       *[error] erreur
    }
tls-cell = STARTTLS : { $state ->
        [ok] { $detail }
        [not-offered] non proposé
        [no-answer] pas de réponse ({ $detail })
        [name-mismatch] nom non couvert { $detail }
        [expired] expiré { $detail }
        [not-yet-valid] pas encore valide { $detail }
        [unknown-issuer] émetteur inconnu { $detail }
       *[handshake] échec de la négociation ({ $detail })
    }
tls-row-ok = OK
tls-row-failed = échec
label-no-probe = Aucune adresse testée : aucune n’était joignable directement (toutes traitées par proxy, ou aucune trouvée).
usage-wizard = mxdoctor [OPTIONS] [DOMAINE]
usage-command = mxdoctor <COMMANDE> [OPTIONS] …
placeholder-domain = DOMAINE
placeholder-scenario = SCÉNARIO
placeholder-path = FICHIER
placeholder-lang = LANGUE
placeholder-secs = SECONDES
placeholder-command = COMMANDE
help-diagnosis-options = Options du diagnostic{"\u00A0"}
help-after-check =
    Exemples :
      mxdoctor check exemple.fr
          les quatre étapes, en texte
      mxdoctor check --from domaines.txt --format summary
          une ligne par domaine, pour grep et les scripts
      mxdoctor check exemple.fr --report ticket.md
          écrire le rapport à joindre à un ticket

    Codes de sortie : 0 toutes les étapes vérifiées, aucune en erreur · 1 un problème à corriger · 2 saisie ou usage incorrect · 3 le diagnostic n’a pas pu aller au bout
help-after-fix =
    Le jeton d’API vient de CLOUDFLARE_API_TOKEN, de --api-token-file ou du fichier de configuration (jamais de la ligne de commande). Créez-le dans le tableau de bord : Mon profil › Jetons API, droit « Zone › DNS › Modifier ».

    Exemples :
      mxdoctor fix exemple.fr --dry-run
          montrer les modifications sans les faire
      mxdoctor fix exemple.fr
          les faire après votre confirmation, puis suivre la correction

    Codes de sortie : 0 la correction est dans les réponses (ou rien à corriger) · 1 un enregistrement de messagerie est encore traité par proxy · 2 pas de jeton, ou personne pour confirmer · 3 l’API a refusé ou n’a pas répondu, ou l’état n’est pas connu
help-after-demo =
    Scénarios :
      healthy      { demo-healthy }
      missing      { demo-missing }
      proxied      { demo-proxied }
      apex         { demo-apex }
      shared       { demo-shared }
      cname        { demo-cname }
      synthesized  { demo-synthesized }
help-after =
    Exemples :
      mxdoctor exemple.fr
          ouvrir l’assistant sur exemple.fr
      mxdoctor check exemple.fr --report ticket.md
          diagnostiquer sans assistant, et écrire le rapport à joindre à un ticket

    Codes de sortie : 0 toutes les étapes vérifiées, aucune en erreur · 1 un problème à corriger · 2 saisie ou usage incorrect · 3 le diagnostic n’a pas pu aller au bout
cli-missing-value = { $arg } demande une valeur.
wiz-demo-only = « { $input } » n’est pas un des domaines de la démonstration : choisissez-en un ci-dessous.

help-cmd-spf = Évaluer SPF comme le ferait un serveur destinataire, pour une adresse d’envoi (RFC 7208)
help-spf-ip = L’adresse IP du serveur qui envoie
help-spf-sender = L’adresse de l’expéditeur (MAIL FROM) ; vide : la politique du nom annoncé en HELO
spf-bad-ip = « { $value } » n’est pas une adresse IP.
spf-bad-sender = « { $value } » n’est pas une adresse d’expéditeur (nom@domaine), ou --helo manque pour une adresse vide.
spf-verdict = SPF pour { $ip } qui envoie en tant que { $sender } (HELO { $helo }) : { $result }
spf-decided = Décidé par : { $term }
spf-explanation = Explication donnée par le domaine : { $text }
spf-stopped = Arrêt : { $why }
spf-cost = Requêtes DNS : { $lookups } sur { $max } au plus ; sans résultat : { $void } sur { $max_void } au plus.
spf-term-cost = { $count ->
        [one] 1 requête
       *[other] { $count } requêtes
    }
spf-term-void = rien trouvé
spf-term-unresolved = le nom dépend de l’adresse de l’expéditeur
spf-term-matched = correspond
spf-why-syntax = l’enregistrement de { $domain } est mal formé à « { $term } » ({ $problem })
spf-why-multiple = { $domain } a { $count } enregistrements SPF
spf-why-no-record = { $domain } n’a aucun enregistrement SPF
spf-why-lookups = plus de 10 requêtes DNS ({ $count })
spf-why-void = plus de 2 requêtes sans résultat ({ $count })
spf-why-names = { $term } désigne { $count } serveurs (10 au plus)
spf-why-loop = { $domain } ramène à lui-même
spf-why-lookup = la requête sur { $name } ({ $type }) a échoué : { $status }
help-sender-ip = Un serveur qui envoie le courrier du domaine : check donne son résultat SPF (répétable)
help-helo = Le nom qu’un serveur d’envoi annonce en HELO [par défaut : le domaine de l’expéditeur]
opt-bad-sender-ip = « { $value } » n’est pas une adresse IP pour --sender-ip.
spf-record-ok = Enregistrement SPF valide tel que l’évaluent les destinataires : { $lookups ->
        [one] 1 requête DNS
       *[other] { $lookups } requêtes DNS
    } sur 10, { $void } sans résultat sur 2 (d : le détail).
label-spf = Enregistrement SPF tel que l’évaluent les destinataires (requêtes DNS : { $lookups } sur 10 ; sans résultat : { $void } sur 2)
anchor-read = impossible de lire le fichier d’ancre de confiance { $path } : { $reason }.
anchor-bad = le fichier d’ancre de confiance { $path } ne contient aucun enregistrement DS ou DNSKEY de la racine au format d’un fichier de zone.
help-trust-anchor = Les clés de la racine DNSSEC : enregistrements DS ou DNSKEY au format d’un fichier de zone [par défaut : les clés de la racine publiées par l’IANA]
label-dnssec = DNSSEC, tel qu’un résolveur qui valide juge les réponses utilisées
dnssec-secure = sûr (zone { $zone })
dnssec-insecure = non signé (zone { $zone })
dnssec-unknown = inconnu : une réponse manque
dnssec-state-ds-missing = signé, sans DS chez le parent (zone { $zone })
dnssec-state-bogus = cassé à la zone { $zone } : { $reason }
dnssec-state-unknown = inconnu : { $type } { $name } n’a pas eu de réponse
dane-record-matched = correspond au certificat présenté à l’adresse { $address }
dane-record-unmatched = ne correspond à aucun certificat présenté
dane-record-unusable = inutilisable pour SMTP (RFC 7672 §3.1.3)
help-key-jump = aller directement à l’étape 1, 2, 3 ou 4, ou au bilan (b)
help-key-ends = au début ou à la fin de ce qui défile
verdict-error = Un problème bloque le courrier de { $domain } : voir l’étape { $step } ({ $name })
verdict-incomplete = Diagnostic incomplet : l’étape { $step } ({ $name }) n’a pas pu être vérifiée
verdict-warning = Rien n’empêche le courrier d’arriver à { $domain } ; un point à améliorer à l’étape { $step } ({ $name })
verdict-clear = Rien n’empêche le courrier d’arriver à { $domain }

## Keys that tell the truth, and the list screen
key-filter = filtrer
key-filter-done = garder le filtre
key-close = fermer
key-list = liste
help-key-apply = correction : appliquer les modifications affichées
help-key-cancel = correction : ne rien modifier et fermer
help-key-filter = liste de domaines : ne garder que les noms ou codes de constat contenant ce que vous tapez (Entrée le garde, Échap l’efface)
help-key-close = fermer cette fenêtre
help-key-list = revenir à la liste de domaines
wiz-count-errors = { $count } en erreur
wiz-count-warnings = { $count } avec avertissements
wiz-count-unsure = { $count } non vérifiés
wiz-count-clear = { $count } sans problème
wiz-count-pending = { $count } en cours
col-found = Pire constat
wiz-filter = { $filter } ({ $shown } affichés)
wiz-skipped = { $count ->
    [one] 1 ligne de l’entrée n’était pas un domaine et a été ignorée :
   *[other] { $count } lignes de l’entrée n’étaient pas des domaines et ont été ignorées :
}
wiz-list-header = Liste : { $title }
wiz-list-demo = les domaines de démonstration
help-demo-list = L’écran de liste, sur quarante domaines de démonstration
opt-bad-choice = valeur inconnue « { $value } » pour { $arg } ; valeurs possibles : { $known }.
opt-bad-theme = MXDOCTOR_THEME vaut « { $value } » ; valeurs possibles : dark ou light.
help-color = Couleurs : auto (un terminal sans NO_COLOR), always ou never [par défaut : auto]
help-no-mouse = L’assistant laisse la souris au terminal (ni molette ni clics ; la sélection de texte fonctionne comme d’habitude)
help-theme = Les couleurs de l’assistant : dark ou light, selon le fond du terminal [par défaut : dark ; aussi MXDOCTOR_THEME]

## The manual page
man-name = Nom
man-synopsis = Synopsis
man-description = Description
man-options = Options
man-commands = Commandes
man-keys = Touches
man-keys-intro = Dans l’assistant ; le bas de chaque écran montre les touches qui y agissent, et la touche « ? » les liste.
man-exit = Code de retour
man-exit-ok = Toutes les étapes ont été vérifiées, aucune n’est en erreur.
man-exit-findings = Un problème à corriger a été trouvé.
man-exit-usage = Saisie ou usage incorrect : option inconnue, nom qui n’est pas un domaine, fichier illisible.
man-exit-cannot-run = Le diagnostic n’a pas pu aller au bout : le résolveur n’a pas répondu, ou le réseau est injoignable.
man-exit-signal = Arrêt par le signal N (130 pour Ctrl-C) ; ce qui a été fait est conservé.
man-environment = Environnement
man-env-token = Le jeton d’API du CDN, pour la correction (ou --api-token-file ; jamais sur la ligne de commande).
man-env-api = Une autre adresse pour l’API du CDN (HTTPS, ou HTTP en boucle locale).
man-env-theme = Les couleurs de l’assistant : dark (fond sombre) ou light (fond clair).
man-env-no-color = Définie et non vide : pas de couleur, sauf avec --color always.
man-env-lang = La langue, quand --lang ne la donne pas : le français pour fr, l’anglais sinon.
man-env-certs = Où lire le magasin de certificats pour STARTTLS.
man-env-config = Où chercher le fichier de configuration.
man-env-term = dumb : le rapport simple au lieu de l’assistant.
man-files = Fichiers
man-file-config = Les réglages par défaut des options longues, sous leur nom (lang, brand, resolver, timeout, color, mouse, theme…) ; mxdoctor config --print-template en affiche un modèle.
man-examples = Exemples
man-example-demo = l’assistant sur des domaines d’exemple, sans réseau
man-example-wizard = ouvrir l’assistant sur example.com
man-example-report = diagnostiquer sans assistant, et écrire le rapport à joindre à un ticket
man-example-summary = une ligne par domaine d’une liste, pour les scripts et grep
man-example-fix = montrer les modifications qu’une correction ferait chez le CDN, sans les faire
man-manual = Commandes utilisateur
wiz-help-here = Sur cet écran
wiz-help-elsewhere = Ailleurs
wiz-list-none = rien à signaler
severity-unchecked = non vérifié
lookup-status-short = { $status ->
        [ok] OK
        [nxdomain] inexistant
        [nodata] vide
        [servfail] SERVFAIL
        [refused] REFUSED
        [timeout] délai
        [loop] boucle
        [referral] renvoi
        [unreachable] injoignable
       *[error] erreur
    }
wiz-demo-badge = DÉMO
