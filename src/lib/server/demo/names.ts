/**
 * Given and family names by heritage, and the ethnic mix of the synthetic population with the
 * names each group draws on.
 */
import type { Weighted } from './random';

type NamePool = { female: readonly string[]; male: readonly string[]; family: readonly string[] };

// Comma-separated to keep the lists readable at a glance.
const list = (names: string): readonly string[] => names.trim().split(/\s*,\s*/);

export const NAMES = {
	british: {
		female: list(`
			Margaret, Joan, Dorothy, Patricia, Barbara, Jean, Sheila, Irene, Brenda, Pauline,
			Susan, Linda, Christine, Janet, Elizabeth, Sandra, Gwen, Carol, Valerie, Ann,
			Rhiannon, Morag, Elaine, Karen, Julie, Tracey
		`),
		male: list(`
			John, David, Michael, Peter, Robert, Brian, Kenneth, Derek, Alan, Raymond, Geoffrey,
			Stanley, Gareth, Dafydd, Hamish, Keith, Trevor, Graham, Colin, Malcolm, Roy, Barry,
			Ian, Stephen, Mark, Paul
		`),
		family: list(`
			Smith, Jones, Williams, Taylor, Brown, Davies, Evans, Wilson, Thomas, Roberts,
			Robinson, Thompson, Wright, Walker, White, Hughes, Green, Hall, Wood, Harris, Lewis,
			Jackson, Clarke, Turner, Hill, Cooper, Morris, Ward, Moore, King, Watson, Baker,
			MacDonald, Campbell, Stewart, Fraser, Pritchard, Llewellyn, Sutcliffe, Barraclough
		`)
	},
	irish: {
		female: list('Bridget, Siobhan, Mary, Kathleen, Nora, Maureen, Eileen, Deirdre'),
		male: list('Patrick, Sean, Michael, Declan, Brendan, Liam, Seamus, Kieran'),
		family: list("O'Brien, Murphy, Kelly, O'Connor, Byrne, Ryan, Doyle, McCarthy, Walsh")
	},
	europe: {
		female: list('Agnieszka, Maria, Eleni, Krystyna, Giovanna, Halina, Androulla, Irena'),
		male: list('Piotr, Stavros, Giuseppe, Jan, Andreas, Tadeusz, Marek, Antonio'),
		family: list('Nowak, Papadopoulos, Rossi, Georgiou, Esposito, Horvat, Ferreira, Costa')
	},
	indian: {
		female: list('Harjit, Gurpreet, Kamala, Sushila, Manjit, Priya, Savita, Jaswinder'),
		male: list('Rajesh, Harjinder, Sukhdev, Ramesh, Dinesh, Kuldip, Arjun, Mahendra'),
		family: list('Patel, Sharma, Singh, Gill, Sandhu, Shah, Mistry, Desai, Chauhan')
	},
	southAsianMuslim: {
		female: list('Nasreen, Shazia, Parveen, Rukhsana, Fatima, Shahida, Razia, Jamila'),
		male: list('Mohammed, Abdul, Tariq, Imran, Mushtaq, Shafiq, Anwar, Rashid'),
		family: list('Khan, Ahmed, Hussain, Ali, Akhtar, Mahmood, Rahman, Chowdhury, Miah')
	},
	caribbean: {
		female: list('Hyacinth, Gloria, Beverley, Marcia, Pearline, Claudette, Myrtle, Icilda'),
		male: list('Winston, Delroy, Errol, Clinton, Lloyd, Everton, Carlton, Neville'),
		family: list('Campbell, Francis, Reid, Bailey, Grant, Morrison, Edwards, Henry')
	},
	african: {
		female: list('Ngozi, Abimbola, Grace, Comfort, Adaeze, Folake, Ama, Chipo'),
		male: list('Chinedu, Kwame, Oluwaseun, Emmanuel, Kofi, Tunde, Samuel, Tendai'),
		family: list('Okafor, Adeyemi, Mensah, Okonkwo, Boateng, Osei, Adebayo, Moyo')
	},
	chinese: {
		female: list('Mei, Wai Ling, Siu Fong, Lai Ying, Yan'),
		male: list('Wei, Kwok Wing, Chun, Ming, Kam'),
		family: list('Chen, Wong, Li, Cheung, Chan, Lam, Ng')
	}
} satisfies Record<string, NamePool>;

export type Heritage = keyof typeof NAMES;

// Weighted towards the older population of an English town: mostly White British.
export const ETHNICITIES: Weighted<{ label: string; names: readonly Heritage[] }> = [
	[{ label: 'White - British', names: ['british'] }, 72],
	[{ label: 'White - Irish', names: ['irish'] }, 3],
	[{ label: 'White - Any other White background', names: ['europe'] }, 4],
	[{ label: 'Mixed - White and Black Caribbean', names: ['british', 'caribbean'] }, 0.8],
	[{ label: 'Mixed - White and Black African', names: ['british', 'african'] }, 0.4],
	[{ label: 'Mixed - White and Asian', names: ['british', 'indian'] }, 0.5],
	[{ label: 'Mixed - Any other mixed background', names: ['british', 'europe'] }, 0.3],
	[{ label: 'Asian or Asian British - Indian', names: ['indian'] }, 3.5],
	[{ label: 'Asian or Asian British - Pakistani', names: ['southAsianMuslim'] }, 3],
	[{ label: 'Asian or Asian British - Bangladeshi', names: ['southAsianMuslim'] }, 1.2],
	[
		{ label: 'Asian or Asian British - Any other Asian background', names: ['indian', 'chinese'] },
		0.8
	],
	[{ label: 'Black or Black British - Caribbean', names: ['caribbean'] }, 2.2],
	[{ label: 'Black or Black British - African', names: ['african'] }, 1.8],
	[
		{
			label: 'Black or Black British - Any other Black background',
			names: ['caribbean', 'african']
		},
		0.3
	],
	[{ label: 'Other Ethnic Groups - Chinese', names: ['chinese'] }, 0.7],
	[{ label: 'Other Ethnic Groups - Any other ethnic group', names: ['europe', 'british'] }, 0.5],
	[{ label: 'Not stated', names: ['british', 'irish', 'europe'] }, 3]
];
