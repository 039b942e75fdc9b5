const list = document.querySelector('#messages');
const socket = new WebSocket(`wss://${window.location.host}/chat`);

socket.addEventListener('message', (event) => {
  const msg = JSON.parse(event.data);
  list.insertAdjacentHTML('beforeend', `<li><b>${msg.author}</b>: ${msg.text}</li>`);
  list.scrollTop = list.scrollHeight;
});
