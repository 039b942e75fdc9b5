interface Draft {
  subject: string;
  body: string;
}

const subject = document.querySelector<HTMLInputElement>('#subject')!;
const body = document.querySelector<HTMLTextAreaElement>('#body')!;

window.addEventListener('message', (event: MessageEvent<{ type: string; draft: string }>) => {
  if (event.data?.type !== 'restore-draft') return;
  const draft = JSON.parse(event.data.draft) as Draft;
  subject.value = draft.subject;
  body.value = draft.body;
});
