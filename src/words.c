/*
 * words.c - the phrases csvchart writes into a figure, per language (words.h).
 *
 * One row per language, English first (the default, and the text every golden test holds).
 * Number words follow CLDR's long forms: German "Million"/"Millionen", French "million"/
 * "millions" with "de" before a noun ("48 millions de fois"), Spanish "mil millones" for 10^9,
 * Brazil's "bilhão" beside Portugal's "mil milhões". A number and the word after it are joined
 * by a no-break space (U+00A0), as are French's ":" and its text; French's ";" takes a narrow
 * no-break space (U+202F), as locale_data.c's percent sign does. Letters outside ASCII are
 * written as escapes, split from a following hex digit ("\xc3\x89" "chelle").
 */
#include "words.h"

#include <stdio.h>
#include <string.h>

#define NB "\xc2\xa0"     /* U+00A0 NO-BREAK SPACE */
#define NN "\xe2\x80\xaf" /* U+202F NARROW NO-BREAK SPACE */

static const struct words table[] = {
    {
        .lang = "en",
        .big_one = {" million", " billion", " trillion"},
        .big_other = {" million", " billion", " trillion"},
        .times_word = " times",
        .times_number = " times",
        .log_scale = "Log scale.",
        .log_start = {"Log scale; bars start at {v}.", "Log scale; stems start at {v}."},
        .log_lowest = {"Log scale; bars start at the lowest gridline of each panel.",
                       "Log scale; stems start at the lowest gridline of each panel."},
        .own_scale = "Each panel has its own scale.",
        .fit_note = {"Dashed line: trend fitted by least squares to the logarithm of the values.",
                     "Dashed lines: trends fitted by least squares to the logarithm of the "
                     "values."},
        .today = "Today",
        .net = "Net ",
        .and_more = " and {n}" NB "more",
        .cluster = "{v}: {n}" NB "events",
        .others = {"{n} other series", "{n} other series"},
        .dated_to = {"Date given to the month or year", "Date given to the month",
                     "Date given to the year"},
        .source = "Source: ",
        .other = "Other",
        .no_data = "n/a",
        .no_data_for = "No data for {v}.",
    },
    {
        .lang = "de",
        .big_one = {NB "Million", NB "Milliarde", NB "Billion"},
        .big_other = {NB "Millionen", NB "Milliarden", NB "Billionen"},
        .times_word = NB "Mal",
        .times_number = NB "Mal",
        .log_scale = "Logarithmische Skala.",
        .log_start = {"Logarithmische Skala; die Balken beginnen bei {v}.",
                      "Logarithmische Skala; die Stiele beginnen bei {v}."},
        .log_lowest = {"Logarithmische Skala; die Balken beginnen an der untersten Gitterlinie "
                       "jeder Teilgrafik.",
                       "Logarithmische Skala; die Stiele beginnen an der untersten Gitterlinie "
                       "jeder Teilgrafik."},
        .own_scale = "Jede Teilgrafik hat eine eigene Skala.",
        .fit_note = {"Gestrichelte Linie: an den Logarithmus der Werte angepasster Trend "
                     "(kleinste Quadrate).",
                     "Gestrichelte Linien: an den Logarithmus der Werte angepasste Trends "
                     "(kleinste Quadrate)."},
        .today = "Heute",
        .net = "Saldo ",
        .and_more = " und {n}" NB "weitere",
        .cluster = "{v}: {n}" NB "Ereignisse",
        .others = {"{n} weitere Reihe", "{n} weitere Reihen"},
        .dated_to = {"Datum nur auf Monat oder Jahr genau", "Datum nur auf den Monat genau",
                     "Datum nur auf das Jahr genau"},
        .source = "Quelle: ",
        .other = "Sonstige",
        .no_data = "k." NB "A.",
        .no_data_for = "Keine Daten f\xc3\xbcr {v}.",
        .units = {{"Jahr", "Jahre", "pro Jahr", "jedes Jahr", "alle {v}" NB "Jahre"},
                  {"Monat", "Monate", "pro Monat", "jeden Monat", "alle {v}" NB "Monate"},
                  {"Woche", "Wochen", "pro Woche", "jede Woche", "alle {v}" NB "Wochen"},
                  {"Tag", "Tage", "pro Tag", "jeden Tag", "alle {v}" NB "Tage"},
                  {"Stunde", "Stunden", "pro Stunde", "jede Stunde", "alle {v}" NB "Stunden"},
                  {"Minute", "Minuten", "pro Minute", "jede Minute", "alle {v}" NB "Minuten"}},
        .trend = {"steigt {per} um den Faktor {factor}", "sinkt {per} um den Faktor {factor}",
                  "{change} {per}", "halbiert sich {every}", "verdoppelt sich {every}",
                  "unver\xc3\xa4ndert"},
    },
    {
        .lang = "fr",
        .big_one = {NB "million", NB "milliard", NB "billion"},
        .big_other = {NB "millions", NB "milliards", NB "billions"},
        .one_below_two = true,
        .times_word = NB "de fois",
        .times_number = NB "fois",
        .log_scale = "\xc3\x89"
                     "chelle logarithmique.",
        .log_start = {"\xc3\x89"
                      "chelle logarithmique" NN "; les barres partent de {v}.",
                      "\xc3\x89"
                      "chelle logarithmique" NN "; les tiges partent de {v}."},
        .log_lowest = {"\xc3\x89"
                       "chelle logarithmique" NN "; les barres partent de la ligne de grille la "
                       "plus basse de chaque panneau.",
                       "\xc3\x89"
                       "chelle logarithmique" NN "; les tiges partent de la ligne de grille la "
                       "plus basse de chaque panneau."},
        .own_scale = "Chaque panneau a sa propre \xc3\xa9"
                     "chelle.",
        .fit_note = {"Ligne en tirets" NB ": tendance ajust\xc3\xa9"
                     "e au logarithme des valeurs par les "
                     "moindres carr\xc3\xa9s.",
                     "Lignes en tirets" NB ": tendances ajust\xc3\xa9"
                     "es au logarithme des valeurs par "
                     "les moindres carr\xc3\xa9s."},
        .today = "Aujourd\xe2\x80\x99hui",
        .net = "Solde ",
        .and_more = " et {n}" NB "autres",
        .cluster = "{v}" NB ": {n}" NB "\xc3\xa9v\xc3\xa9nements",
        .others = {"{n} autre s\xc3\xa9rie", "{n} autres s\xc3\xa9ries"},
        .dated_to = {"Date connue au mois ou \xc3\xa0 l\xe2\x80\x99"
                     "ann\xc3\xa9"
                     "e pr\xc3\xa8s",
                     "Date connue au mois pr\xc3\xa8s",
                     "Date connue \xc3\xa0 l\xe2\x80\x99"
                     "ann\xc3\xa9"
                     "e pr\xc3\xa8s"},
        .source = "Source" NB ": ",
        .other = "Autres",
        .no_data = "n.d.",
        .no_data_for = "Pas de donn\xc3\xa9"
                       "es pour {v}.",
        .units = {{"an", "ans", "par an", "tous les ans", "tous les {v}" NB "ans"},
                  {"mois", "mois", "par mois", "tous les mois", "tous les {v}" NB "mois"},
                  {"semaine", "semaines", "par semaine", "toutes les semaines",
                   "toutes les {v}" NB "semaines"},
                  {"jour", "jours", "par jour", "tous les jours", "tous les {v}" NB "jours"},
                  {"heure", "heures", "par heure", "toutes les heures",
                   "toutes les {v}" NB "heures"},
                  {"minute", "minutes", "par minute", "toutes les minutes",
                   "toutes les {v}" NB "minutes"}},
        .trend = {"cro\xc3\xaet d\xe2\x80\x99un facteur {factor} {per}",
                  "baisse d\xe2\x80\x99un facteur {factor} {per}", "{change} {per}",
                  "diminue de moiti\xc3\xa9 {every}", "double {every}", "stable"},
    },
    {
        .lang = "es",
        .big_one = {NB "mill\xc3\xb3n", NB "mil" NB "millones", NB "bill\xc3\xb3n"},
        .big_other = {NB "millones", NB "mil" NB "millones", NB "billones"},
        .times_word = NB "de veces",
        .times_number = NB "veces",
        .log_scale = "Escala logar\xc3\xadtmica.",
        .log_start = {"Escala logar\xc3\xadtmica; las barras empiezan en {v}.",
                      "Escala logar\xc3\xadtmica; los tallos empiezan en {v}."},
        .log_lowest =
            {"Escala logar\xc3\xadtmica; las barras empiezan en la l\xc3\xadnea de cuadr\xc3\xad"
             "cula m\xc3\xa1s "
             "baja de cada panel.",
             "Escala logar\xc3\xadtmica; los tallos empiezan en la l\xc3\xadnea de cuadr\xc3\xad"
             "cula m\xc3\xa1s "
             "baja de cada panel."},
        .own_scale = "Cada panel tiene su propia escala.",
        .fit_note =
            {"L\xc3\xadnea discontinua: tendencia ajustada por m\xc3\xadnimos cuadrados al "
             "logaritmo "
             "de los valores.",
             "L\xc3\xadneas discontinuas: tendencias ajustadas por m\xc3\xadnimos cuadrados al "
             "logaritmo de los valores."},
        .today = "Hoy",
        .net = "Neto ",
        .and_more = " y {n}" NB "m\xc3\xa1s",
        .cluster = "{v}: {n}" NB "eventos",
        .others = {"{n} serie m\xc3\xa1s", "{n} series m\xc3\xa1s"},
        .dated_to = {"Fecha indicada solo con el mes o el a\xc3\xb1o",
                     "Fecha indicada solo con el mes", "Fecha indicada solo con el a\xc3\xb1o"},
        .source = "Fuente: ",
        .other = "Otros",
        .no_data = "n/d",
        .no_data_for = "Sin datos para {v}.",
        .units = {{"a\xc3\xb1o", "a\xc3\xb1os", "al a\xc3\xb1o", "cada a\xc3\xb1o",
                   "cada {v}" NB "a\xc3\xb1os"},
                  {"mes", "meses", "al mes", "cada mes", "cada {v}" NB "meses"},
                  {"semana", "semanas", "a la semana", "cada semana", "cada {v}" NB "semanas"},
                  {"d\xc3\xad"
                   "a",
                   "d\xc3\xad"
                   "as",
                   "al d\xc3\xad"
                   "a",
                   "cada d\xc3\xad"
                   "a",
                   "cada {v}" NB "d\xc3\xad"
                   "as"},
                  {"hora", "horas", "por hora", "cada hora", "cada {v}" NB "horas"},
                  {"minuto", "minutos", "por minuto", "cada minuto", "cada {v}" NB "minutos"}},
        .trend = {"se multiplica por {factor} {per}", "se divide por {factor} {per}",
                  "{change} {per}", "se reduce a la mitad {every}", "se duplica {every}",
                  "estable"},
    },
    {
        .lang = "it",
        .big_one = {NB "milione", NB "miliardo", NB "mille" NB "miliardi"},
        .big_other = {NB "milioni", NB "miliardi", NB "mila" NB "miliardi"},
        .times_word = NB "di volte",
        .times_number = NB "volte",
        .log_scale = "Scala logaritmica.",
        .log_start = {"Scala logaritmica; le barre partono da {v}.",
                      "Scala logaritmica; gli steli partono da {v}."},
        .log_lowest =
            {"Scala logaritmica; le barre partono dalla linea di griglia pi\xc3\xb9 bassa di "
             "ogni pannello.",
             "Scala logaritmica; gli steli partono dalla linea di griglia pi\xc3\xb9 bassa di "
             "ogni pannello."},
        .own_scale = "Ogni pannello ha una propria scala.",
        .fit_note = {"Linea tratteggiata: tendenza stimata sul logaritmo dei valori con i minimi "
                     "quadrati.",
                     "Linee tratteggiate: tendenze stimate sul logaritmo dei valori con i minimi "
                     "quadrati."},
        .today = "Oggi",
        .net = "Saldo ",
        .and_more = " e altri" NB "{n}",
        .cluster = "{v}: {n}" NB "eventi",
        .others = {"un\xe2\x80\x99"
                   "altra serie",
                   "altre {n} serie"},
        .dated_to = {"Data indicata solo al mese o all\xe2\x80\x99"
                     "anno",
                     "Data indicata solo al mese",
                     "Data indicata solo all\xe2\x80\x99"
                     "anno"},
        .source = "Fonte: ",
        .other = "Altri",
        .no_data = "n.d.",
        .no_data_for = "Nessun dato per {v}.",
        .units = {{"anno", "anni",
                   "all\xe2\x80\x99"
                   "anno",
                   "ogni anno", "ogni {v}" NB "anni"},
                  {"mese", "mesi", "al mese", "ogni mese", "ogni {v}" NB "mesi"},
                  {"settimana", "settimane", "a settimana", "ogni settimana",
                   "ogni {v}" NB "settimane"},
                  {"giorno", "giorni", "al giorno", "ogni giorno", "ogni {v}" NB "giorni"},
                  {"ora", "ore", "all\xe2\x80\x99ora", "ogni ora", "ogni {v}" NB "ore"},
                  {"minuto", "minuti", "al minuto", "ogni minuto", "ogni {v}" NB "minuti"}},
        .trend = {"si moltiplica per {factor} {per}", "si divide per {factor} {per}",
                  "{change} {per}", "si dimezza {every}", "raddoppia {every}", "stabile"},
    },
    {
        .lang = "pt_PT",
        .big_one = {NB "milh\xc3\xa3o",
                    NB "mil" NB "milh\xc3\xb5"
                       "es",
                    NB "bili\xc3\xa3o"},
        .big_other = {NB "milh\xc3\xb5"
                         "es",
                      NB "mil" NB "milh\xc3\xb5"
                         "es",
                      NB "bili\xc3\xb5"
                         "es"},
        .times_word = NB "de vezes",
        .times_number = NB "vezes",
        .log_scale = "Escala logar\xc3\xadtmica.",
        .log_start = {"Escala logar\xc3\xadtmica; as barras come\xc3\xa7"
                      "am em {v}.",
                      "Escala logar\xc3\xadtmica; as hastes come\xc3\xa7"
                      "am em {v}."},
        .log_lowest = {"Escala logar\xc3\xadtmica; as barras come\xc3\xa7"
                       "am na linha de grelha mais baixa de "
                       "cada painel.",
                       "Escala logar\xc3\xadtmica; as hastes come\xc3\xa7"
                       "am na linha de grelha mais baixa de "
                       "cada painel."},
        .own_scale = "Cada painel tem a sua pr\xc3\xb3pria escala.",
        .fit_note =
            {"Linha tracejada: tend\xc3\xaancia ajustada por m\xc3\xadnimos quadrados ao logaritmo "
             "dos valores.",
             "Linhas tracejadas: tend\xc3\xaancias ajustadas por m\xc3\xadnimos quadrados ao "
             "logaritmo dos valores."},
        .today = "Hoje",
        .net = "Saldo ",
        .and_more = " e mais" NB "{n}",
        .cluster = "{v}: {n}" NB "eventos",
        .others = {"mais {n} s\xc3\xa9rie", "mais {n} s\xc3\xa9ries"},
        .dated_to = {"Data indicada s\xc3\xb3 com o m\xc3\xaas ou o ano",
                     "Data indicada s\xc3\xb3 com o m\xc3\xaas",
                     "Data indicada s\xc3\xb3 com o ano"},
        .source = "Fonte: ",
        .other = "Outros",
        .no_data = "n/d",
        .no_data_for = "Sem dados para {v}.",
        .units = {{"ano", "anos", "ao ano", "a cada ano", "a cada {v}" NB "anos"},
                  {"m\xc3\xaas", "meses", "ao m\xc3\xaas", "a cada m\xc3\xaas",
                   "a cada {v}" NB "meses"},
                  {"semana", "semanas", "por semana", "a cada semana", "a cada {v}" NB "semanas"},
                  {"dia", "dias", "ao dia", "a cada dia", "a cada {v}" NB "dias"},
                  {"hora", "horas", "por hora", "a cada hora", "a cada {v}" NB "horas"},
                  {"minuto", "minutos", "por minuto", "a cada minuto", "a cada {v}" NB "minutos"}},
        .trend = {"multiplica-se por {factor} {per}", "divide-se por {factor} {per}",
                  "{change} {per}", "reduz-se para metade {every}", "duplica {every}",
                  "est\xc3\xa1vel"},
    },
    {
        .lang = "pt",
        .big_one = {NB "milh\xc3\xa3o", NB "bilh\xc3\xa3o", NB "trilh\xc3\xa3o"},
        .big_other = {NB "milh\xc3\xb5"
                         "es",
                      NB "bilh\xc3\xb5"
                         "es",
                      NB "trilh\xc3\xb5"
                         "es"},
        .one_below_two = true,
        .times_word = NB "de vezes",
        .times_number = NB "vezes",
        .log_scale = "Escala logar\xc3\xadtmica.",
        .log_start = {"Escala logar\xc3\xadtmica; as barras come\xc3\xa7"
                      "am em {v}.",
                      "Escala logar\xc3\xadtmica; as hastes come\xc3\xa7"
                      "am em {v}."},
        .log_lowest = {"Escala logar\xc3\xadtmica; as barras come\xc3\xa7"
                       "am na linha de grade mais baixa de "
                       "cada painel.",
                       "Escala logar\xc3\xadtmica; as hastes come\xc3\xa7"
                       "am na linha de grade mais baixa de "
                       "cada painel."},
        .own_scale = "Cada painel tem sua pr\xc3\xb3pria escala.",
        .fit_note =
            {"Linha tracejada: tend\xc3\xaancia ajustada por m\xc3\xadnimos quadrados ao logaritmo "
             "dos valores.",
             "Linhas tracejadas: tend\xc3\xaancias ajustadas por m\xc3\xadnimos quadrados ao "
             "logaritmo dos valores."},
        .today = "Hoje",
        .net = "Saldo ",
        .and_more = " e mais" NB "{n}",
        .cluster = "{v}: {n}" NB "eventos",
        .others = {"mais {n} s\xc3\xa9rie", "mais {n} s\xc3\xa9ries"},
        .dated_to = {"Data indicada s\xc3\xb3 com o m\xc3\xaas ou o ano",
                     "Data indicada s\xc3\xb3 com o m\xc3\xaas",
                     "Data indicada s\xc3\xb3 com o ano"},
        .source = "Fonte: ",
        .other = "Outros",
        .no_data = "n/d",
        .no_data_for = "Sem dados para {v}.",
        .units = {{"ano", "anos", "ao ano", "a cada ano", "a cada {v}" NB "anos"},
                  {"m\xc3\xaas", "meses", "ao m\xc3\xaas", "a cada m\xc3\xaas",
                   "a cada {v}" NB "meses"},
                  {"semana", "semanas", "por semana", "a cada semana", "a cada {v}" NB "semanas"},
                  {"dia", "dias", "ao dia", "a cada dia", "a cada {v}" NB "dias"},
                  {"hora", "horas", "por hora", "a cada hora", "a cada {v}" NB "horas"},
                  {"minuto", "minutos", "por minuto", "a cada minuto", "a cada {v}" NB "minutos"}},
        .trend = {"multiplica-se por {factor} {per}", "divide-se por {factor} {per}",
                  "{change} {per}", "cai pela metade {every}", "dobra {every}", "est\xc3\xa1vel"},
    },
    {
        .lang = "nl",
        .big_one = {NB "miljoen", NB "miljard", NB "biljoen"},
        .big_other = {NB "miljoen", NB "miljard", NB "biljoen"},
        .times_word = NB "keer",
        .times_number = NB "keer",
        .log_scale = "Logaritmische schaal.",
        .log_start = {"Logaritmische schaal; de staven beginnen bij {v}.",
                      "Logaritmische schaal; de stelen beginnen bij {v}."},
        .log_lowest = {"Logaritmische schaal; de staven beginnen bij de onderste rasterlijn van "
                       "elk paneel.",
                       "Logaritmische schaal; de stelen beginnen bij de onderste rasterlijn van "
                       "elk paneel."},
        .own_scale = "Elk paneel heeft een eigen schaal.",
        .fit_note = {"Gestreepte lijn: trend, met de kleinstekwadratenmethode bepaald op de "
                     "logaritme van de waarden.",
                     "Gestreepte lijnen: trends, met de kleinstekwadratenmethode bepaald op de "
                     "logaritme van de waarden."},
        .today = "Vandaag",
        .net = "Saldo ",
        .and_more = " en nog" NB "{n}",
        .cluster = "{v}: {n}" NB "gebeurtenissen",
        .others = {"{n} andere reeks", "{n} andere reeksen"},
        .dated_to = {"Datum alleen op maand of jaar bekend", "Datum alleen op de maand bekend",
                     "Datum alleen op het jaar bekend"},
        .source = "Bron: ",
        .other = "Overig",
        .no_data = "n.b.",
        .no_data_for = "Geen gegevens voor {v}.",
        .units = {{"jaar", "jaar", "per jaar", "elk jaar", "elke {v}" NB "jaar"},
                  {"maand", "maanden", "per maand", "elke maand", "elke {v}" NB "maanden"},
                  {"week", "weken", "per week", "elke week", "elke {v}" NB "weken"},
                  {"dag", "dagen", "per dag", "elke dag", "elke {v}" NB "dagen"},
                  {"uur", "uur", "per uur", "elk uur", "elke {v}" NB "uur"},
                  {"minuut", "minuten", "per minuut", "elke minuut", "elke {v}" NB "minuten"}},
        .trend = {"stijgt {per} met een factor {factor}", "daalt {per} met een factor {factor}",
                  "{change} {per}", "halveert {every}", "verdubbelt {every}", "stabiel"},
    },
};

#undef NB
#undef NN

const struct words *csvchart_words_get(const struct csvchart_locale *loc)
{
    if (!loc) {
        return &table[0];
    }
    /* The language: the name up to its territory, codeset or modifier ("de" of "de_DE.UTF-8") */
    size_t lang_len = strcspn(loc->name, "_.@");
    for (size_t i = 1; i < sizeof table / sizeof table[0]; i++) {
        size_t n = strlen(table[i].lang);
        bool territory = n > 2; // "pt_PT": that territory only, listed before "pt"
        if (territory ? strncmp(loc->name, table[i].lang, n) == 0
                      : lang_len == n && strncmp(loc->name, table[i].lang, n) == 0) {
            return &table[i];
        }
    }
    return &table[0];
}

/* Appends s[0..len) to buf, cut at a code point boundary when it does not fit. */
static void append(char *buf, size_t n, size_t *used, const char *s, size_t len)
{
    if (*used + 1 >= n) {
        return;
    }
    if (len > n - 1 - *used) {
        len = n - 1 - *used;
        while (len > 0 && ((unsigned char)s[len] & 0xC0) == 0x80) {
            len--; /* s[len], the first byte left out, continues a character */
        }
        memcpy(buf + *used, s, len);
        *used = n - 1; // full
        buf[*used] = '\0';
        return;
    }
    memcpy(buf + *used, s, len);
    *used += len;
    buf[*used] = '\0';
}

size_t csvchart_words_fill(const char *phrase, const char *v, size_t count, char *buf, size_t n)
{
    size_t used = 0;
    buf[0] = '\0';
    for (const char *p = phrase; *p;) {
        if (strncmp(p, "{v}", 3) == 0) {
            append(buf, n, &used, v ? v : "", v ? strlen(v) : 0);
            p += 3;
        } else if (strncmp(p, "{n}", 3) == 0) {
            char num[24];
            int k = snprintf(num, sizeof num, "%zu", count);
            append(buf, n, &used, num, k > 0 ? (size_t)k : 0);
            p += 3;
        } else {
            size_t run = strcspn(p + 1, "{") + 1;
            append(buf, n, &used, p, run);
            p += run;
        }
    }
    return strlen(buf);
}
