class CampaignsController < ApplicationController
  def landing
    target = cookies[:landing_url]
    if target
      redirect_to "#{target}?utm_source=newsletter", allow_other_host: true
    else
      redirect_to root_path
    end
  end
end
