import DOMPurify from 'dompurify';

interface EmbedMessage {
  kind: 'render';
  html: string;
}

const frame = document.querySelector<HTMLDivElement>('#embed')!;

window.addEventListener('message', (event: MessageEvent<EmbedMessage>) => {
  if (event.data?.kind !== 'render') return;
  frame.insertAdjacentHTML('beforeend', DOMPurify.sanitize(event.data.html));
});
