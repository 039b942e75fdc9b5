(function renderCampaignBanner() {
  const campaign = decodeURIComponent(window.location.hash.slice(1));
  if (!campaign) return;
  window.dataLayer = window.dataLayer || [];
  window.dataLayer.push({ event: 'campaign_landing', campaign });
  document.write('<div class="banner">Welcome, visitor from ' + campaign + '</div>');
  document.write('<a class="banner-close" href="#">Dismiss</a>');
})();
