/**
 * Chat lines by language for the `messages` generator, including coffee invitations, acceptances
 * and refusals (what a coffee chain's trigger module looks for).
 */

/** Lines of one language, by conversational move. */
export interface ChatLines {
  readonly opener: readonly string[]
  readonly reply: readonly string[]
  readonly coffeeInvite: readonly string[]
  readonly coffeeYes: readonly string[]
  readonly coffeeNo: readonly string[]
  readonly sport: readonly string[]
}

/** Chat lines for every language the generator speaks. */
export const CHAT_LINES: Readonly<Record<string, ChatLines>> = {
  en: {
    opener: [
      'Hey, how are you?',
      'Did you see the news today?',
      'Are we still on for Saturday?',
      'Running late, sorry!',
      'Happy birthday!! 🎉',
      'Can you send me the photos from last weekend?',
      'What time is dinner?',
      'I finally finished that book you lent me',
    ],
    reply: [
      'Sounds good',
      'Haha yes',
      'Sure, no problem',
      'Thanks so much!',
      'Not sure yet, I will let you know',
      'Ok see you then',
      'Yes! 😀',
      'Sorry, just saw this',
    ],
    coffeeInvite: [
      'want to grab a coffee?',
      'Coffee this afternoon?',
      'Fancy a coffee after work?',
      'Quick coffee before the meeting?',
    ],
    coffeeYes: ['Yes, coffee sounds great', 'Sure, usual place at 3?', 'Always up for coffee ☕'],
    coffeeNo: [
      'no coffee for me today',
      'Sorry, too busy today, tomorrow?',
      'I am off caffeine this week 😅',
    ],
    sport: [
      'Did a great run this morning',
      'Anyone up for a ride on Sunday?',
      'Legs are sore after yesterday',
      'Signed up for the half marathon!',
    ],
  },
  fr: {
    opener: [
      'Salut, ça va ?',
      'Tu as vu les infos ?',
      'On se voit toujours samedi ?',
      "Désolé, j'ai du retard !",
      'Joyeux anniversaire !! 🎉',
      'Tu peux m’envoyer les photos du week-end ?',
      'On dîne à quelle heure ?',
      "J'ai enfin fini le livre que tu m'as prêté",
    ],
    reply: [
      "D'accord",
      'Haha oui',
      'Pas de souci',
      'Merci beaucoup !',
      'Je te redis',
      'Ok à tout à l’heure',
      'Oui ! 😀',
      'Désolé, je viens de voir',
    ],
    coffeeInvite: [
      'on va prendre un café ?',
      'Un café cet après-midi ?',
      'Café après le boulot ?',
      'On se prend un petit café avant la réunion ?',
    ],
    coffeeYes: [
      'Oui, avec plaisir pour le café',
      'Ok, au café habituel à 15h ?',
      'Toujours partant pour un café ☕',
    ],
    coffeeNo: [
      "pas de café pour moi aujourd'hui",
      'Désolé, journée chargée, demain ?',
      "J'arrête la caféine cette semaine 😅",
    ],
    sport: [
      'Super footing ce matin',
      'Quelqu’un pour une sortie vélo dimanche ?',
      "J'ai mal aux jambes depuis hier",
      'Inscrit au semi-marathon !',
    ],
  },
  de: {
    opener: [
      'Hey, wie geht’s?',
      'Hast du die Nachrichten gesehen?',
      'Bleibt es bei Samstag?',
      'Bin spät dran, sorry!',
      'Alles Gute zum Geburtstag!! 🎉',
      'Kannst du mir die Fotos vom Wochenende schicken?',
      'Um wie viel Uhr ist Abendessen?',
      'Ich habe das Buch endlich fertig gelesen',
    ],
    reply: [
      'Klingt gut',
      'Haha ja',
      'Klar, kein Problem',
      'Danke dir!',
      'Weiß noch nicht, sag dir Bescheid',
      'Ok, bis dann',
      'Ja! 😀',
      'Sorry, hab’s gerade erst gesehen',
    ],
    coffeeInvite: [
      'Lust auf einen Kaffee?',
      'Kaffee heute Nachmittag?',
      'Kaffee nach der Arbeit?',
      'Schnell einen Kaffee vor dem Meeting?',
    ],
    coffeeYes: ['Ja, Kaffee klingt super', 'Klar, 15 Uhr am üblichen Ort?', 'Für Kaffee immer ☕'],
    coffeeNo: [
      'heute keinen Kaffee für mich',
      'Sorry, heute zu viel los, morgen?',
      'Diese Woche ohne Koffein 😅',
    ],
    sport: [
      'Toller Lauf heute Morgen',
      'Wer fährt Sonntag Rad mit?',
      'Muskelkater von gestern',
      'Für den Halbmarathon angemeldet!',
    ],
  },
  es: {
    opener: [
      'Hola, ¿qué tal?',
      '¿Viste las noticias?',
      '¿Seguimos con lo del sábado?',
      '¡Llego tarde, perdón!',
      '¡¡Feliz cumpleaños!! 🎉',
      '¿Me pasas las fotos del finde?',
      '¿A qué hora es la cena?',
      'Por fin terminé el libro que me prestaste',
    ],
    reply: [
      'Vale',
      'Jaja sí',
      'Claro, sin problema',
      '¡Muchas gracias!',
      'Aún no sé, te digo',
      'Ok, nos vemos',
      '¡Sí! 😀',
      'Perdón, lo acabo de ver',
    ],
    coffeeInvite: [
      '¿vamos a tomar un café?',
      '¿Un café esta tarde?',
      '¿Café después del trabajo?',
      '¿Un cafecito antes de la reunión?',
    ],
    coffeeYes: [
      'Sí, un café me viene genial',
      'Claro, ¿a las 3 en el sitio de siempre?',
      'Para un café siempre ☕',
    ],
    coffeeNo: [
      'hoy no tomo café',
      'Lo siento, hoy imposible, ¿mañana?',
      'Esta semana nada de cafeína 😅',
    ],
    sport: [
      'Buen rodaje esta mañana',
      '¿Alguien se apunta a la bici el domingo?',
      'Tengo agujetas de ayer',
      '¡Me apunté a la media maratón!',
    ],
  },
  pt: {
    opener: [
      'Olá, tudo bem?',
      'Viste as notícias?',
      'Continua de pé sábado?',
      'Estou atrasado, desculpa!',
      'Parabéns!! 🎉',
      'Podes mandar-me as fotos do fim de semana?',
      'A que horas é o jantar?',
      'Acabei finalmente o livro que me emprestaste',
    ],
    reply: [
      'Combinado',
      'Haha sim',
      'Claro, sem problema',
      'Muito obrigado!',
      'Ainda não sei, depois digo',
      'Ok, até logo',
      'Sim! 😀',
      'Desculpa, só vi agora',
    ],
    coffeeInvite: [
      'vamos tomar um café?',
      'Um café esta tarde?',
      'Café depois do trabalho?',
      'Um cafezinho antes da reunião?',
    ],
    coffeeYes: [
      'Sim, um café sabe bem',
      'Claro, às 15h no sítio do costume?',
      'Para café estou sempre ☕',
    ],
    coffeeNo: [
      'hoje não quero café',
      'Desculpa, hoje não dá, amanhã?',
      'Esta semana sem cafeína 😅',
    ],
    sport: [
      'Boa corrida esta manhã',
      'Alguém para uma volta de bicicleta no domingo?',
      'Pernas doridas de ontem',
      'Inscrevi-me na meia maratona!',
    ],
  },
  nl: {
    opener: [
      'Hoi, hoe gaat het?',
      'Heb je het nieuws gezien?',
      'Gaat zaterdag nog door?',
      'Ik ben te laat, sorry!',
      'Gefeliciteerd!! 🎉',
      'Kun je de foto’s van het weekend sturen?',
      'Hoe laat is het eten?',
      'Ik heb dat boek eindelijk uit',
    ],
    reply: [
      'Klinkt goed',
      'Haha ja',
      'Prima, geen probleem',
      'Dankjewel!',
      'Weet ik nog niet, laat ik je weten',
      'Ok, tot straks',
      'Ja! 😀',
      'Sorry, zie het nu pas',
    ],
    coffeeInvite: [
      'zullen we koffie drinken?',
      'Koffie vanmiddag?',
      'Koffie na het werk?',
      'Snel een koffie voor de meeting?',
    ],
    coffeeYes: [
      'Ja, koffie klinkt goed',
      'Prima, om 3 uur op de vaste plek?',
      'Voor koffie altijd ☕',
    ],
    coffeeNo: [
      'geen koffie voor mij vandaag',
      'Sorry, te druk vandaag, morgen?',
      'Deze week geen cafeïne 😅',
    ],
    sport: [
      'Lekker gerend vanochtend',
      'Wie fietst zondag mee?',
      'Spierpijn van gisteren',
      'Ingeschreven voor de halve marathon!',
    ],
  },
}

/** Lines for a language, English when there are none. */
export function chatLines(language: string): ChatLines {
  return CHAT_LINES[language] ?? (CHAT_LINES['en'] as ChatLines)
}
