import type { Catalog } from './nb.js';

/** Nynorsk, written as Nynorsk. */
export const nn: Catalog = {
  'app.name': 'Lærekraft',
  'language.name': 'nynorsk',

  'command.help': 'hjelp',
  'command.start': 'start',
  'command.next': 'neste',
  'command.progress': 'framdrift|fremdrift',
  'command.language': 'språk|sprak',

  'action.startCourse': 'Start kurset',
  'action.nextLesson': 'Neste leksjon',
  'action.progress': 'Sjå framdrifta',
  'action.help': 'Hjelp',
  'action.markRead': 'Eg har lese',
  'action.submitReflection': 'Lagre svara',
  'action.editReflection': 'Endre svara',

  'welcome.personal.title': 'Velkomen til Lærekraft',
  'welcome.personal.intro':
    'Lærekraft er eit kort kurs i berekraftig utvikling for oss som arbeider i kommunar og fylkeskommunar. Du får éin leksjon om gongen her i Teams, og kvar leksjon tek to–tre minutt å lese.',
  'welcome.personal.storedTitle': 'Dette lagrar vi',
  'welcome.personal.stored':
    'Entra-ID-en din, kva leksjonar du har lese, språkvalet ditt og svara du gir på refleksjonsspørsmåla. Svara dine er dine: ingen andre ser dei med mindre du sjølv vel å dele dei.',
  'welcome.personal.howTo': 'Trykk **Start kurset** eller skriv **{start}**. Skriv **{help}** for å sjå alt du kan gjere.',

  'help.title': 'Dette kan du skrive til meg',
  'help.intro': 'Store og små bokstavar spelar inga rolle.',
  'help.unknown': 'Eg forstod ikkje «{text}». Her er det eg kan hjelpe deg med:',
  'help.command.start': 'Byrj på kurset, eller hald fram der du slapp.',
  'help.command.next': 'Få den neste leksjonen du ikkje har lese.',
  'help.command.progress': 'Sjå kor langt du har kome.',
  'help.command.language': 'Byt språk: **{language} nb** (bokmål), **{language} nn** (nynorsk) eller **{language} en** (English).',
  'help.command.help': 'Vis denne oversikta.',

  'lesson.position': 'Leksjon {number} av {total} · ca. {minutes} min',
  'lesson.keyFact': 'Verdt å vite',
  'lesson.goals': 'Berekraftsmål i denne leksjonen',
  'lesson.goal': 'Mål {number}: {name}',
  'lesson.sources': 'Kjelder',
  'lesson.pleaseMark': 'Trykk **Eg har lese** når du er ferdig, så går du vidare til refleksjonen.',
  'lesson.done': '✓ Du har lese denne leksjonen.',

  'reflection.title': 'Refleksjon: {lesson}',
  'reflection.intro': 'Svar med eigne ord på eitt eller fleire av spørsmåla. Svara er private: berre du ser dei.',
  'reflection.placeholder': 'Skriv svaret ditt her',
  'reflection.limit': 'Høgst {limit} teikn per svar.',
  'reflection.problem.empty': 'Skriv eit svar på minst eitt av spørsmåla før du lagrar.',
  'reflection.problem.tooLong': 'Svar {question} er {length} teikn langt. Kort det ned til høgst {limit} teikn. Teksten din er teken vare på her.',
  'reflection.savedTitle': 'Takk for refleksjonen!',
  'reflection.created': 'Svara dine er lagra. Berre du kan sjå dei.',
  'reflection.updated': 'Svara dine er oppdaterte. Berre du kan sjå dei.',
  'reflection.answerEmpty': '(ikkje svart på)',

  'progress.title': 'Framdrifta di i «{course}»',
  'progress.summary':
    'Du har lese {read} av {total} leksjonar og skrive {reflections, plural, =0 {ingen refleksjonar} one {# refleksjon} other {# refleksjonar}}.',
  'progress.read': '✓ {title}',
  'progress.unread': '○ {title}',

  'complete.title': 'Du har fullført kurset!',
  'complete.text': 'Du har lese alle dei {total} leksjonane. Takk for innsatsen! Ta gjerne med deg det du har lært, inn i samtalar med kollegane dine.',

  'language.changed': 'Greitt! Frå no av skriv eg nynorsk til deg.',
  'language.unknown': 'Eg kjenner ikkje språket «{value}». Skriv **{language} nb** (bokmål), **{language} nn** (nynorsk) eller **{language} en** (English).',

  'error.title': 'Det gjekk ikkje',
  'error.generic': 'Orsak, noko gjekk gale hos oss. Prøv igjen om litt. Det du har lagra frå før, er trygt.',
  'error.unknownAction': 'Eg kjenner ikkje att denne knappen. Kortet kan vere utdatert. Skriv **{help}** for å kome vidare.',
  'error.badCardData': 'Kortet mangla opplysningar eg treng. Skriv **{next}** for å få eit nytt kort.',
  'error.unknownLesson': 'Eg finn ikkje denne leksjonen. Han kan ha blitt fjerna frå kurset. Skriv **{next}** for å halde fram.',
  'error.unknownCourse': 'Eg finn ikkje dette kurset. Skriv **{start}** for å byrje på nytt.',
};
