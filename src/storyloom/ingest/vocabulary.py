"""General web-page UI vocabulary in a few languages (en, es, de, fr, it, pt).

These are the words that site furniture is made of (navigation, calls to action,
comment forms, newsletters), not lines from any particular site: cleaning combines
them with the shape and position of a line, never matches whole lines.
"""
from __future__ import annotations

# first words of calls to action: "Share this", "Post a comment", "Read more", "View all"
ACTION_VERBS = frozenset("""
see read share leave post click tap follow subscribe sign join watch view download
continue show load print listen register log login email tweet comment reply like
explore discover browse visit get skip jump back go open close accept
ver leer lee compartir comparte compartelo deja dejar haz suscríbete suscribete
siga síguenos siguenos regístrate registrate descarga mira escucha comenta
lesen lies teilen teile hinterlasse abonnieren abonniere folgen folge klicken klicke
anmelden registrieren mehr zurück weiter
voir lire lisez partager partagez laisser laissez suivez abonnez cliquez inscrivez
vedi leggi condividi lascia segui iscriviti clicca scopri
veja leia compartilhe deixe siga assine clique
""".split())

# navigation and section words: "Latest News", "Home", "Top Stories", "Related"
NAV_WORDS = frozenset("""
home news other more latest top stories story articles trending popular related recommended
world politics business sport sports opinion culture video videos photos photo gallery
menu search section sections tags tag topics topic categories category archive
previous next newer older page comments comment reply replies share shares links link
advertisement advertising sponsored ad ads newsletter subscribe login logout account
also read watch listen podcast live updates breaking editor editors picks
inicio noticias otras otros más relacionadas relacionados última últimas portada
mundo política deportes opinión cultura etiquetas publicidad comentarios anuncio
startseite nachrichten weitere mehr neueste themen politik sport meinung kultur
kommentare anzeige werbung verwandte ähnliche artikel
accueil actualités autres plus dernières politique monde commentaires publicité
notizie altre ultime politica mondo commenti pubblicità correlati
notícias outras últimas mundo comentários publicidade
""".split())

# the first word of a source tag line: "Source: example.com", "Via X", "Fuente: agencias"
SOURCE_WORDS = frozenset("source sources via fuente fuentes quelle quellen fonte fontes".split())

# phrases that mark boilerplate even inside a short sentence-shaped line, anywhere:
# interface text that news prose practically never contains
BOILERPLATE_PHRASES = (
    "will not be published", "wird nicht veröffentlicht", "no será publicad",
    "ne sera pas publié", "non sarà pubblicat", "não será publicad", "required fields are marked",
    "all rights reserved", "todos los derechos reservados", "alle rechte vorbehalten",
    "tous droits réservés", "tutti i diritti riservati", "todos os direitos reservados",
    "subscribe to our", "sign up for our", "sign up to our", "our newsletter",
    "cookie policy", "privacy policy", "terms of use", "terms of service", "click here",
    "read more", "read also", "leer más", "lee también", "weiterlesen", "lesen sie auch",
    "lire aussi", "lire la suite", "leggi anche", "leia mais", "leia também", "share on",
    "follow us on", "síguenos en", "folgen sie uns", "suivez-nous", "to leave a comment",
    "comments are closed", "be the first to comment", "post a comment", "save my name",
    "next time i comment", "this website uses", "download our app", "download the app",
    "newsletter abonnieren", "suscríbete a", "abonnez-vous", "iscriviti alla",
)
# words that only mark boilerplate in the leading/trailing zone (prose may use them)
EDGE_BOILERPLATE_PHRASES = BOILERPLATE_PHRASES + (
    "newsletter", "cookies", "javascript", "advertisement", "sponsored content",
    "share this", "your comment", "log in to", "sign in to", "copyright",
)

# words a label line may end with that mark it as a label rather than a sentence
LABEL_ENDINGS = (":", "»", "›", ">", "|", "…", "...", "→")
