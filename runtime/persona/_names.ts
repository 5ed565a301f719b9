/** Given and family names by language, for personas and their contacts. */

interface NameSet {
  readonly female: readonly string[]
  readonly male: readonly string[]
  readonly family: readonly string[]
}

const NAMES: Readonly<Record<string, NameSet>> = {
  fr: {
    female: ['Camille', 'Léa', 'Chloé', 'Manon', 'Inès', 'Juliette', 'Claire', 'Sophie', 'Élodie'],
    male: ['Lucas', 'Hugo', 'Louis', 'Théo', 'Antoine', 'Julien', 'Nicolas', 'Mathieu', 'Rémi'],
    family: [
      'Martin',
      'Bernard',
      'Dubois',
      'Lefèvre',
      'Moreau',
      'Laurent',
      'Girard',
      'Roux',
      'Fournier',
    ],
  },
  en: {
    female: ['Emma', 'Olivia', 'Sophie', 'Grace', 'Hannah', 'Amelia', 'Charlotte', 'Lucy', 'Megan'],
    male: ['James', 'Oliver', 'Jack', 'Harry', 'Daniel', 'Samuel', 'Thomas', 'Ethan', 'Ryan'],
    family: [
      'Smith',
      'Johnson',
      'Taylor',
      'Brown',
      'Walker',
      'Wilson',
      'Evans',
      'Clarke',
      'Hughes',
    ],
  },
  de: {
    female: ['Anna', 'Lena', 'Laura', 'Julia', 'Katharina', 'Miriam', 'Sarah', 'Lea', 'Johanna'],
    male: ['Lukas', 'Felix', 'Jonas', 'Maximilian', 'Paul', 'Tobias', 'Florian', 'Moritz', 'Jan'],
    family: ['Müller', 'Schmidt', 'Schneider', 'Fischer', 'Weber', 'Wagner', 'Becker', 'Hoffmann'],
  },
  es: {
    female: ['Lucía', 'Sofía', 'María', 'Paula', 'Carmen', 'Elena', 'Marta', 'Alba', 'Irene'],
    male: ['Hugo', 'Pablo', 'Javier', 'Daniel', 'Alejandro', 'Diego', 'Sergio', 'Adrián', 'Mario'],
    family: [
      'García',
      'Fernández',
      'González',
      'Rodríguez',
      'López',
      'Martínez',
      'Sánchez',
      'Pérez',
    ],
  },
  pt: {
    female: ['Beatriz', 'Mariana', 'Inês', 'Leonor', 'Carolina', 'Ana', 'Rita', 'Joana', 'Sara'],
    male: ['João', 'Rodrigo', 'Tiago', 'Miguel', 'Duarte', 'Pedro', 'Diogo', 'Rui', 'André'],
    family: ['Silva', 'Santos', 'Ferreira', 'Pereira', 'Oliveira', 'Costa', 'Rodrigues', 'Martins'],
  },
  nl: {
    female: ['Emma', 'Sanne', 'Fleur', 'Lotte', 'Anouk', 'Eva', 'Noor', 'Iris', 'Femke'],
    male: ['Daan', 'Sem', 'Lars', 'Bram', 'Thijs', 'Ruben', 'Jesse', 'Stijn', 'Joost'],
    family: ['de Jong', 'Jansen', 'de Vries', 'van den Berg', 'Bakker', 'Visser', 'Smit', 'Mulder'],
  },
}

/** The name set for a language, English when there is none. */
export function namesFor(language: string): NameSet {
  return NAMES[language] ?? (NAMES['en'] as NameSet)
}
