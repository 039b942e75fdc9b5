function resumeAfterOnboarding() {
  const target = decodeURIComponent(window.location.hash.replace(/^#resume=/, ''));
  if (target) {
    window.location.assign(target);
  } else {
    window.location.assign('/start');
  }
}

document.getElementById('finish').addEventListener('click', resumeAfterOnboarding);
