-- KubeMin store schema, version 6: job kinds of custom resources are stored as group/version/Kind
-- (such as ec2.aws.upbound.io/v1beta1/VPCEndpointSecurityGroupAssociation), longer than the 64
-- characters the built-in kind names needed. One statement; running it again changes nothing.

ALTER TABLE min_job MODIFY kind VARCHAR(255) NOT NULL;
