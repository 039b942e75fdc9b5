const list = document.querySelector('#messages');
const socket = new WebSocket(`wss://${window.location.host}/chat`);

socket.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  const item = document.createElement('li');
  const author = document.createElement('b');
  author.textContent = msg.author;
  item.append(author, `: ${msg.text}`);
  list.append(item);
  list.scrollTop = list.scrollHeight;
});
