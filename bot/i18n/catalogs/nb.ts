/**
 * Bokmål, the default catalog; its keys define every message the app can show.
 * @remarks ICU MessageFormat. Command words are `|`-separated aliases; the first is the one shown.
 */
export const nb = {
  'app.name': 'Lærekraft',
  'language.name': 'bokmål',

  'command.help': 'hjelp',
  'command.start': 'start',
  'command.next': 'neste',
  'command.progress': 'fremdrift|framdrift',
  'command.language': 'språk|sprak',

  'action.startCourse': 'Start kurset',
  'action.nextLesson': 'Neste leksjon',
  'action.progress': 'Se fremdriften',
  'action.help': 'Hjelp',
  'action.markRead': 'Jeg har lest',
  'action.submitReflection': 'Lagre svarene',
  'action.editReflection': 'Endre svarene',

  'welcome.personal.title': 'Velkommen til Lærekraft',
  'welcome.personal.intro':
    'Lærekraft er et kort kurs i bærekraftig utvikling for oss som jobber i kommuner og fylkeskommuner. Du får én leksjon av gangen her i Teams, og hver leksjon tar to–tre minutter å lese.',
  'welcome.personal.storedTitle': 'Dette lagrer vi',
  'welcome.personal.stored':
    'Entra-ID-en din, hvilke leksjoner du har lest, språkvalget ditt og svarene du gir på refleksjonsspørsmålene. Svarene dine er dine: ingen andre ser dem med mindre du selv velger å dele dem.',
  'welcome.personal.howTo': 'Trykk **Start kurset** eller skriv **{start}**. Skriv **{help}** for å se alt du kan gjøre.',

  'help.title': 'Dette kan du skrive til meg',
  'help.intro': 'Store og små bokstaver spiller ingen rolle.',
  'help.unknown': 'Jeg forstod ikke «{text}». Her er det jeg kan hjelpe deg med:',
  'help.command.start': 'Begynn kurset, eller fortsett der du slapp.',
  'help.command.next': 'Få neste leksjon du ikke har lest.',
  'help.command.progress': 'Se hvor langt du har kommet.',
  'help.command.language': 'Bytt språk: **{language} nb** (bokmål), **{language} nn** (nynorsk) eller **{language} en** (English).',
  'help.command.help': 'Vis denne oversikten.',

  'lesson.position': 'Leksjon {number} av {total} · ca. {minutes} min',
  'lesson.keyFact': 'Verdt å vite',
  'lesson.goals': 'Bærekraftsmål i denne leksjonen',
  'lesson.goal': 'Mål {number}: {name}',
  'lesson.sources': 'Kilder',
  'lesson.pleaseMark': 'Trykk **Jeg har lest** når du er ferdig, så går du videre til refleksjonen.',
  'lesson.done': '✓ Du har lest denne leksjonen.',

  'reflection.title': 'Refleksjon: {lesson}',
  'reflection.intro': 'Svar med egne ord på ett eller flere av spørsmålene. Svarene er private: bare du ser dem.',
  'reflection.placeholder': 'Skriv svaret ditt her',
  'reflection.limit': 'Høyst {limit} tegn per svar.',
  'reflection.problem.empty': 'Skriv et svar på minst ett av spørsmålene før du lagrer.',
  'reflection.problem.tooLong': 'Svar {question} er {length} tegn langt. Kort det ned til høyst {limit} tegn. Teksten din er tatt vare på her.',
  'reflection.savedTitle': 'Takk for refleksjonen!',
  'reflection.created': 'Svarene dine er lagret. Bare du kan se dem.',
  'reflection.updated': 'Svarene dine er oppdatert. Bare du kan se dem.',
  'reflection.answerEmpty': '(ikke besvart)',

  'progress.title': 'Din fremdrift i «{course}»',
  'progress.summary':
    'Du har lest {read} av {total} leksjoner og skrevet {reflections, plural, =0 {ingen refleksjoner} one {# refleksjon} other {# refleksjoner}}.',
  'progress.read': '✓ {title}',
  'progress.unread': '○ {title}',

  'complete.title': 'Du har fullført kurset!',
  'complete.text': 'Du har lest alle {total} leksjonene. Takk for innsatsen! Ta gjerne med deg det du har lært inn i samtaler med kollegene dine.',

  'language.changed': 'Greit! Fra nå av skriver jeg bokmål til deg.',
  'language.unknown': 'Jeg kjenner ikke språket «{value}». Skriv **{language} nb** (bokmål), **{language} nn** (nynorsk) eller **{language} en** (English).',

  'error.title': 'Det gikk ikke',
  'error.generic': 'Beklager, noe gikk galt hos oss. Prøv igjen om litt. Det du har lagret fra før, er trygt.',
  'error.unknownAction': 'Jeg kjenner ikke igjen denne knappen. Kortet kan være utdatert. Skriv **{help}** for å komme videre.',
  'error.badCardData': 'Kortet manglet opplysninger jeg trenger. Skriv **{next}** for å få et nytt kort.',
  'error.unknownLesson': 'Jeg finner ikke denne leksjonen. Den kan ha blitt fjernet fra kurset. Skriv **{next}** for å fortsette.',
  'error.unknownCourse': 'Jeg finner ikke dette kurset. Skriv **{start}** for å begynne på nytt.',
} as const;

/** A key of the message catalogs. */
export type MessageKey = keyof typeof nb;

/** A complete catalog: every key, in one language. */
export type Catalog = { readonly [K in MessageKey]: string };
