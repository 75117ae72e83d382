"""Words several readers share, one list per concept, in the languages certificates
come in (English, French, Spanish, Italian, Portuguese, German, Dutch, Indonesian).

Each concept is a regular-expression alternation meant for text whose accents
are folded (OCR drops them, ``kind_words.folded`` removes them) and matched
case-insensitively. Month names are not listed here: they come from
dateparser's locale data (``extractors.dates``).
"""

from __future__ import annotations

HOUR_UNITS = r"hours?|hrs?\.?|heures?|horas?|ore|stunden|jam|uur"
"""A number of hours: "8 hours", "6 heures", "20 horas", "8 ore", "16 Stunden", "32 jam"."""

HOURS_LABELS = (
    r"carga\s+hor[aá]ria|durata(?:\s+(?:del\s+corso|complessiva))?|monte\s+ore|duraci[oó]n"
    r"|dura[cç][aã]o|dauer|umfang|durasi|lama\s+pelatihan|duur|dur[ée]e(?:\s+de\s+la\s+formation)?"
)
"""A label whose value is the course's length in hours ("Carga horária: 20 horas")."""

COURSE_NOUNS = (
    r"course|workshop|seminar|webinar|training|program(?:me)?|module|e-?learning|internship"
    r"|bootcamp|curriculum|lecture|conference|in-service|specialization|nanodegree|masterclass"
    r"|cours|formation|atelier|stage|seminaire|curso|taller|capacitacion|seminario|diplomado"
    r"|corso|formazione|convegno|congresso|lezione|modulo|oficina|palestra|treinamento"
    r"|capacitacao|kurs|lehrgang|schulung|fortbildung|weiterbildung|pelatihan|kursus"
    r"|lokakarya|cursus|opleiding"
)
"""A course, as certificates name it."""

COMPLETION_VERBS = (
    # Italian, Portuguese, German, Dutch, Indonesian: "ha partecipato", "concluiu",
    # "hat teilgenommen", "heeft deelgenomen", "telah mengikuti".
    r"\bha (?:\w+ ){0,2}?(?:partecipato|frequentato|superato|completato|concluso|seguito"
    r"|conseguito|svolto)\b"
    r"|\bper (?:aver|avere) (?:\w+ ){0,2}?(?:partecipato|frequentato|superato|completato"
    r"|seguito|svolto)\b"
    r"|\b(?:concluiu|participou|frequentou|completou|finalizou|cursou|realizou)\b"
    r"|\bpor (?:ter )?(?:\w+ )?(?:concluido|participado|frequentado|completado|realizado)\b"
    r"|\bhat (?:\w+ ){0,5}?(?:teilgenommen|absolviert|abgeschlossen|bestanden|besucht)\b"
    r"|\bheeft (?:\w+ ){0,4}?(?:deelgenomen|voltooid|afgerond|gevolgd|behaald)\b"
    r"|\btelah (?:\w+ ){0,1}?(?:menyelesaikan|mengikuti|menempuh|lulus)\b"
)
"""Someone completed or attended, in the languages beyond English, French and Spanish."""

CERTIFICATE_TITLES = (
    r"\b(?:attestato|certificato|diploma)\W+(?:di\W+)?(?:partecipazione|frequenza|formazione"
    r"|completamento|superamento|qualifica|merito)\b"
    r"|\b(?:certificado|declaracao|diploma)\W+(?:de\W+)?(?:conclusao|participacao|frequencia"
    r"|curso|aproveitamento)\b"
    r"|\b(?:teilnahme|abschluss)?(?:bescheinigung|bestatigung|zertifikat)\b"
    r"|\b(?:deelname)?certificaat\b|\bgetuigschrift\b"
    r"|\bsertifikat (?:pelatihan|kompetensi|keikutsertaan|penghargaan)\b"
)
"""A page titled as the record of a course, beyond English, French and Spanish."""

PRESENTING = (
    r"\bsi (?:attesta|certifica|dichiara) che\b|\bcertifica(?:mos|-se)? que\b"
    r"|\b(?:hiermit )?(?:bescheinigt|best[aä]tigt|bescheinigen|best[aä]tigen)\b"
    r"|\bverklaart dat\b|\bdiberikan kepada\b|\bdengan ini menyatakan\b|\bmenerangkan bahwa\b"
)
"""The phrases that present the holder ("si attesta che", "diberikan kepada")."""

AWARDED_TO = (
    r"\b(?:presented|awarded|issued|granted|conferred)\s+(?:to|upon)\b"
    r"|\b(?:decern|remis|attribu|deliv)[ée]e?s?\s+[aà]\b|\b(?:otorgad|conferid|concedid|expedid"
    r"|entregad|outorgad)[oa]s?\s+(?:a|ao|à)\b|\b(?:conferit|rilasciat|assegnat)[oa]\s+a\b"
    r"|\b(?:verliehen|ausgestellt)\s+(?:an|f[uü]r)\b|\b(?:toegekend|uitgereikt)\s+aan\b"
)
"""The words that hand the certificate to its holder ("awarded to", "otorgado a",
"décerné à"); the holder's name follows."""

ISSUED_BY = (
    r"organizzat[oa] da|erogat[oa] da|rilasciat[oa] da|organis[ée]e? par|d[ée]livr[ée]e? par"
    r"|organizad[oa] (?:por|pela|pelo)|impartid[oa] por|ministrad[oa] (?:por|pela|pelo)"
    r"|promovid[oa] (?:por|pela|pelo)|veranstaltet von|ausgestellt von|georganiseerd door"
    r"|uitgegeven door|diselenggarakan oleh|diterbitkan oleh"
)
"""The certificate's own words for who gave the course ("organizzato da", "organisé par"),
beyond English; the organisation follows."""

LIFE_SUPPORT_WORDS = (
    r"rianimazione|primo soccorso|pronto soccorso|\bblsd\b|primeiros socorros|reanimacao"
    r"|ressuscitacao|suporte basico de vida|erste hilfe|wiederbelebung|pertolongan pertama"
    r"|resusitasi|eerste hulp|reanimatie"
)
"""Resuscitation and first aid beyond English, French and Spanish."""

CARD_COURSES = (
    r"bls|blsd|basic life support|heartsaver|cpr|rcp|aed|first aid|acls|pals"
    r"|premiers secours|primeros auxilios|soporte vital|" + LIFE_SUPPORT_WORDS
)
"""The courses a CPR/AED card names, in the languages cards are printed in, as folded
text reads them ("cpr", Spanish and French "rcp", Italian "blsd"). The defibrillator's
own initials in other languages ("dae", "dea") are left out: they are also given names,
and a card names them beside "rcp" or "blsd"."""

CERTIFICATE_WORDS = (
    r"certificate|certificat|certificado|certificato|attestato|attestation|sertifikat"
    r"|zertifikat|bescheinigung|certificaat|constancia|diploma|diplome|declaracao|piagam"
    r"|partecipazione|participacao|participacion|conclusao|conclusion|completamento|frequenza"
    r"|keikutsertaan|teilnahme|penghargaan|cedula|licen[cs]e|licencia\w*|licenza|laurea"
)
"""What a certificate calls itself, and the kinds of record it is: never a person's or an
issuer's name (accents folded)."""

ORGANISATION_WORDS = (
    r"scuola|escuela|hogeschool|istituto|instituto|institut|instituut|universi[td]\w*|escola|ecole"
    r"|sekolah|facolta|faculdade|facultad|colegio|liceo|politecnico|politeknik|polytechnic"
    r"|fondazione|fondation|fundacao|fundacion|\w*stiftung|stichting|yayasan"
    r"|\w*akademie|accademia|academia|academie|akademi|\w*schule|\w*verband|\w*verein|vereniging"
    r"|associazione|associacao|asociacion|asosiasi|perkumpulan|federacion|federazione|federacao"
    r"|\w*zentrum|centro|centrum|pusat|balai|lembaga|conseil|consiglio|conselho|consejo"
    r"|kementerian|ministero|ministerio|ministere|secretaria|direccion|direzione|directorate"
    r"|organizzazione|organizacao|organizacion|ospedale|klinik|clinica"
    r"|gmbh|s\.?p\.?a|s\.?r\.?l|ltda|s\.?a\.?s?"
)
"""Words that make a line an organisation's name, beyond English (accents folded)."""

APP_CONTROLS = (
    r"download|share|view|print|save|close|verify|add to"
    r"|descargar|compartir|imprimir|telecharger|partager|imprimer|scarica|condividi|stampa"
    r"|baixar|compartilhar|herunterladen|teilen|drucken|downloaden|delen|unduh|bagikan"
)
"""The buttons and links an app or a web page sets around a certificate a phone screenshot
shows ("Download PDF", "Share", "View Course"): what they say is not printed on it."""

VALID_UNTIL = (
    r"scadenza|scade il|valid[oa] fino|validit[aà]|validade|v[aá]lid[oa] at[eé]|g[uü]ltig bis"
    r"|g[uü]ltigkeit|ablaufdatum|geldig tot|geldigheid|berlaku (?:hingga|sampai)|masa berlaku"
)
"""How long a card or certificate is good for, beyond English, French and Spanish
("Scadenza", "Validade", "Gültig bis", "Geldig tot", "Berlaku hingga")."""

BIRTH = (
    r"birth|\bdob\b|\bborn\b|naissance|\bn[ée]e?\s+le\b|nacimiento|nacid[oa]|\bnat[oa]\b|nato/a"
    r"|nascit|nasciment|nascid[oa]|geboren|lahir"
)
"""Words that make a date someone's birthday ("nata a Roma il", "né le", "geboren am")."""
