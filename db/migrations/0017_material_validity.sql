-- 0017 the validity of a provided document (智审: an expired certificate is reported before
-- submission). The applicant or the clerk gives the date printed on the document ("有效期至") with
-- the upload; a 免提交 certificate carries the registry's. NULL: no expiry given.
ALTER TABLE case_materials ADD COLUMN valid_until TEXT;
