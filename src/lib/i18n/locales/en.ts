// English is the base language: bundled with the app, so every string exists before any other
// language loads, and its shape types every key (a missing key is a type error).
import common from './en/common.json';
import home from './en/home.json';
import components from './en/components.json';
import filters from './en/filters.json';
import forums from './en/forums.json';
import kb from './en/kb.json';
import notifications from './en/notifications.json';
import messages from './en/messages.json';
import attention from './en/attention.json';
import library from './en/library.json';
import search from './en/search.json';
import people from './en/people.json';
import mentorship from './en/mentorship.json';
import events from './en/events.json';
import stories from './en/stories.json';
import adoptions from './en/adoptions.json';
import exchange from './en/exchange.json';
import surveys from './en/surveys.json';
import suggestions from './en/suggestions.json';
import challenges from './en/challenges.json';
import feedback from './en/feedback.json';
import impact from './en/impact.json';
import open from './en/open.json';
import recognition from './en/recognition.json';
import account from './en/account.json';
import privacy from './en/privacy.json';
import device from './en/device.json';
import hub from './en/hub.json';
import admin from './en/admin.json';
import moderation from './en/moderation.json';
import flags from './en/flags.json';
import review from './en/review.json';
import validation from './en/validation.json';
import share from './en/share.json';
import following from './en/following.json';
import errors from './en/errors.json';

export const en = {
	common,
	home,
	components,
	filters,
	forums,
	kb,
	notifications,
	messages,
	attention,
	library,
	search,
	people,
	mentorship,
	events,
	stories,
	adoptions,
	exchange,
	surveys,
	suggestions,
	challenges,
	feedback,
	impact,
	open,
	recognition,
	account,
	privacy,
	device,
	hub,
	admin,
	moderation,
	flags,
	review,
	validation,
	share,
	following,
	errors
};

export type Namespace = keyof typeof en;
