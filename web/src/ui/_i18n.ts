/** The app's own words in English and French (contracts and answers have theirs in contract.ts, answer.ts). */

import type { Lang } from './_format.ts'

const en = {
  lang: 'Language',
  nav: {
    data: 'My data',
    offers: 'Offers',
    left: 'What left',
    settings: 'Settings',
    safety: 'Safety',
  },
  lock: 'Lock',
  locked: 'Vault locked.',
  lockedAgain: 'Your vault is locked. Unlock it to continue.',
  restarted: 'The app restarted its engine after a call took too long. Unlock again.',
  // unlock
  createTitle: 'Create your vault',
  unlockTitle: 'Unlock your vault',
  createHelp:
    'Your data will be encrypted on this device with a key only your passphrase opens. There is no reset: keep it somewhere safe. At least 8 characters.',
  unlockHelp: 'Your data is encrypted on this device. Only your passphrase opens it.',
  passphrase: 'Passphrase',
  passphraseAgain: 'Passphrase again',
  create: 'Create my vault',
  unlock: 'Unlock',
  creating: 'Creating…',
  unlocking: 'Unlocking…',
  creatingVault: 'Creating your encrypted vault…',
  unlocked: 'Vault unlocked.',
  differ: 'The two passphrases differ.',
  wrong: 'That passphrase does not open this vault. Nothing was changed; try again.',
  // data
  dataTitle: 'My data',
  have: 'In your vault',
  empty: 'Your vault is empty. Add an export file below.',
  add: 'Add your data',
  drop: 'Drop the files your apps and services let you download: a Google Takeout or Instagram archive, a bank statement (CSV or OFX), a GPX, TCX or FIT workout, a calendar, health records (FHIR), a WhatsApp chat, mail (mbox), an X archive, browser or location history.',
  choose: 'Choose files…',
  search: 'Search',
  searchIn: 'In',
  searchFind: 'Find',
  searchHint: 'e.g. running',
  // offers
  offersTitle: 'Offers',
  offersIntro:
    'Partners send their question to your data. Read what each one asks and what it could learn at most, then decide. Nothing leaves without your consent.',
  readContract: 'Read the contract',
  // what left
  leftTitle: 'What left about me',
  // settings
  settingsTitle: 'Settings and bill',
  personalization: 'Personalization',
  billTitle: 'What partners pay, this year',
  delivery: 'Delivery',
  demoTitle: 'Demo tools',
  // safety
  safetyTitle: 'Safety check',
}

/** The app's words, as one language has them. */
export type UiWords = typeof en

const fr: UiWords = {
  lang: 'Langue',
  nav: { data: 'Données', offers: 'Offres', left: 'Parti', settings: 'Réglages', safety: 'Sûreté' },
  lock: 'Verrouiller',
  locked: 'Coffre verrouillé.',
  lockedAgain: 'Votre coffre est verrouillé. Déverrouillez-le pour continuer.',
  restarted:
    'L’application a redémarré son moteur après un appel trop long. Déverrouillez à nouveau.',
  createTitle: 'Créez votre coffre',
  unlockTitle: 'Déverrouillez votre coffre',
  createHelp:
    'Vos données seront chiffrées sur cet appareil avec une clé que seule votre phrase secrète ouvre. Aucune réinitialisation possible : gardez-la en lieu sûr. Au moins 8 caractères.',
  unlockHelp: 'Vos données sont chiffrées sur cet appareil. Seule votre phrase secrète les ouvre.',
  passphrase: 'Phrase secrète',
  passphraseAgain: 'Phrase secrète, à nouveau',
  create: 'Créer mon coffre',
  unlock: 'Déverrouiller',
  creating: 'Création…',
  unlocking: 'Déverrouillage…',
  creatingVault: 'Création de votre coffre chiffré…',
  unlocked: 'Coffre déverrouillé.',
  differ: 'Les deux phrases secrètes diffèrent.',
  wrong: 'Cette phrase secrète n’ouvre pas ce coffre. Rien n’a changé ; réessayez.',
  dataTitle: 'Mes données',
  have: 'Dans votre coffre',
  empty: 'Votre coffre est vide. Ajoutez un fichier d’export ci-dessous.',
  add: 'Ajoutez vos données',
  drop: 'Déposez les fichiers que vos applications et services vous laissent télécharger : une archive Google Takeout ou Instagram, un relevé bancaire (CSV ou OFX), une séance GPX, TCX ou FIT, un agenda, un dossier médical (FHIR), une discussion WhatsApp, des e-mails (mbox), une archive X, un historique web ou de localisation.',
  choose: 'Choisir des fichiers…',
  search: 'Chercher',
  searchIn: 'Dans',
  searchFind: 'Trouver',
  searchHint: 'ex. course',
  offersTitle: 'Offres',
  offersIntro:
    'Des partenaires envoient leur question à vos données. Lisez ce que chacun demande et ce qu’il pourrait apprendre au plus, puis décidez. Rien ne part sans votre accord.',
  readContract: 'Lire le contrat',
  leftTitle: 'Ce qui est parti de chez moi',
  settingsTitle: 'Réglages et facture',
  personalization: 'Personnalisation',
  billTitle: 'Ce que paient les partenaires, cette année',
  delivery: 'Acheminement',
  demoTitle: 'Outils de démonstration',
  safetyTitle: 'Contrôle de sûreté',
}

/** The app's words in `lang`. */
export const UI: Readonly<Record<Lang, UiWords>> = { en, fr }
